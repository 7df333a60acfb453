import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

const DESCRIPTION = `Stint speaks the TimeTracker REST API.

**Authentication**: send an API token as \`Authorization: Bearer tt_…\` or \`X-API-Key: tt_…\`.
Get one with \`POST /api/v1/auth/login\` or \`stint token create\`.

**Scopes**: each operation names the scope it requires; \`read:*\`, \`write:*\` and \`admin:all\` are wildcards.

**Rate limits**: per token, sliding minute and hour windows; every token-authenticated response carries
\`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\`; over the limit: \`429\` with \`Retry-After\`.

**Pagination**: \`page\` and \`per_page\` (at most 100); list answers carry a \`pagination\` object.

**Errors**: \`{"success": false, "error", "message", "error_code", "errors"?}\`.

**Datetimes**: naive wall-clock time in the server timezone, or UTC with \`Prefer: datetime=utc\`.`

/** The OpenAPI 3.1 document generated from the route schemas, and Swagger UI served locally. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'TimeTracker REST API', version, description: DESCRIPTION },
      servers: [{ url: '/api/v1' }, { url: '/' }],
      components: {
        securitySchemes: {
          BearerAuth: { type: 'http', scheme: 'bearer' },
          ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ BearerAuth: [] }, { ApiKeyAuth: [] }],
    },
    // Paths are relative to the first server, /api/v1 (the plugin strips it and turns
    // `:id(regex)` into `{id}`); everything else stays out of the document.
    transform: ({ schema, url, route }) => {
      const scope = route.config?.scope
      const documented = url.startsWith('/api/v1/')
      const scopeText =
        typeof scope === 'string'
          ? `Required scope: \`${scope}\`.`
          : scope && `Required scope: one of ${scope.map((one) => `\`${one}\``).join(', ')}.`
      const module = route.config?.module
      const moduleText = module && `Requires the \`${module}\` module to be enabled.`
      const description = [schema?.description, scopeText, moduleText].filter(Boolean).join('\n\n')
      return {
        schema: {
          ...schema,
          hide: !documented || schema?.hide,
          ...(description ? { description } : {}),
          ...(route.config?.auth === 'public' ? { security: [] } : {}),
        },
        url,
      }
    },
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: {
      docExpansion: 'list',
      filter: true,
      displayRequestDuration: true,
      defaultModelsExpandDepth: -1,
    },
    staticCSP: true,
    // Self-hosted servers are often reached over plain http on a LAN, where this directive
    // makes the browser fetch the UI's own assets over https and show a blank page.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;/, ''),
    transformSpecificationClone: true,
  })
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, () => app.swagger())
}
