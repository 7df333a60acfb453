import { existsSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'
import { APP_VERSION } from '../app.js'
import { generateOpenApiDocument, serializeOpenApiDocument } from './openapi-document.js'

const COMMITTED = new URL('../../openapi.json', import.meta.url)
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

interface Operation {
  description?: string
  security?: unknown[]
  parameters?: { in: string; name: string; required?: boolean }[]
  responses?: Record<string, { description?: unknown }>
}

type Paths = Record<string, Record<string, Operation>>

function operations(paths: Paths): [string, Operation][] {
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
  )
}

/** What OpenAPI 3.1 requires of each operation that this generator could get wrong. */
function structuralProblems(paths: Paths): string[] {
  return Object.keys(paths).flatMap((path) =>
    operations({ [path]: paths[path]! }).flatMap(([name, operation]) => {
      const responses = Object.values(operation.responses ?? {})
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1])
      const undeclared = pathParams.filter(
        (param) => !operation.parameters?.some((p) => p.in === 'path' && p.name === param && p.required),
      )
      return [
        ...(responses.length === 0 ? [`${name}: no responses`] : []),
        ...(responses.some((response) => typeof response.description !== 'string')
          ? [`${name}: response without description`]
          : []),
        ...undeclared.map((param) => `${name}: path parameter ${String(param)} not declared`),
      ]
    }),
  )
}

describe('the committed openapi.json', () => {
  it('matches the document the routes generate', async () => {
    const generated = serializeOpenApiDocument(await generateOpenApiDocument())

    const committed = existsSync(COMMITTED) ? readFileSync(COMMITTED, 'utf8') : '(missing)'

    expect(
      committed,
      'openapi.json is out of date with the routes: run `npm run openapi` and commit the result',
    ).toBe(generated)
  })
})

describe.each(dialects)('OpenAPI document and Swagger UI on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it('serves GET /api/openapi.json without authentication, as the generator builds it', async () => {
    t = await buildTestApp({ dialect: name })

    const anonymous = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    const badToken = await t.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { authorization: 'Bearer tt_nope' },
    })

    expect(anonymous.statusCode).toBe(200)
    expect(badToken.statusCode).toBe(200)
    expect(anonymous.json()).toEqual(await generateOpenApiDocument())
  })

  it('is an OpenAPI 3.1 document with the TimeTracker title, servers and security', async () => {
    t = await buildTestApp({ dialect: name })

    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()

    expect(document.openapi).toMatch(/^3\.1\.\d+$/)
    expect(document.info).toMatchObject({ title: 'TimeTracker REST API', version: APP_VERSION })
    expect(document.servers[0]).toEqual({ url: '/api/v1' })
    expect(document.components.securitySchemes).toEqual({
      BearerAuth: { type: 'http', scheme: 'bearer' },
      ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    })
    expect(document.security).toEqual([{ BearerAuth: [] }, { ApiKeyAuth: [] }])
    expect(structuralProblems(document.paths)).toEqual([])
  })

  it('documents the /api/v1 routes relative to the /api/v1 server, and nothing else', async () => {
    t = await buildTestApp({ dialect: name })

    const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths)

    expect(paths).toEqual(expect.arrayContaining(['/info', '/health', '/auth/login']))
    for (const excluded of ['/login', '/logout', '/setup', '/', '/api/session', '/api/openapi.json'])
      expect(paths).not.toContain(excluded)
    expect(
      paths.filter((path) => path.startsWith('/api') || path.includes('docs') || path.includes('*')),
    ).toEqual([])
  })

  it('marks the public operations as needing no token and names the scope of every other one', async () => {
    t = await buildTestApp({ dialect: name })

    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()

    const all = operations(document.paths)
    const isPublic = ([, operation]: [string, Operation]) =>
      Array.isArray(operation.security) && operation.security.length === 0
    expect(all.filter(isPublic).map(([key]) => key)).toEqual(
      expect.arrayContaining(['GET /info', 'GET /health', 'POST /auth/login']),
    )
    // The live stream takes any valid credential and filters each event by scope (webhooks.md §12).
    const anyCredential = new Set(['GET /events'])
    const withoutScope = all.filter(
      (entry) =>
        !isPublic(entry) &&
        !anyCredential.has(entry[0]) &&
        !/Required scope: (one of )?`[\w:*]+`/.test(entry[1].description ?? ''),
    )
    expect(withoutScope.map(([key]) => key)).toEqual([])
  })

  it('serves Swagger UI at /api/docs and /api/docs/ from its own assets, with no CDN', async () => {
    t = await buildTestApp({ dialect: name })

    const pages = [
      await t.app.inject({ method: 'GET', url: '/api/docs' }),
      await t.app.inject({ method: 'GET', url: '/api/docs/' }),
    ]
    const initializer = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' })
    const bundle = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' })

    for (const page of pages) {
      expect(page.statusCode).toBe(200)
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(page.body).toContain('swagger-ui-bundle.js')
      expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//)
      expect(String(page.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests')
    }
    expect(initializer.body).toContain("resolveUrl('./json')")
    expect(initializer.body).not.toMatch(/unpkg|jsdelivr|cdnjs|googleapis|cloudflare/)
    expect(bundle.statusCode).toBe(200)
  })

  it('keeps Swagger UI open while set-up is still required', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const document = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' })

    expect(document.statusCode).toBe(200)
    expect(page.statusCode).toBe(200)
  })
})
