import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { registerErrorHandling } from './errors.js'
import { registerOpenApi } from './openapi.js'
import { ErrorJson, ID_PATTERN, withErrors } from './schemas.js'

describe('path ids and the documents of routes using them', () => {
  let app: FastifyInstance

  afterEach(async () => app?.close())

  async function appWithIdRoute(): Promise<FastifyInstance> {
    const instance = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>()
    registerErrorHandling(instance)
    await registerOpenApi(instance, '9.9.9')
    instance.get(
      `/api/v1/things/:id${ID_PATTERN}`,
      {
        config: { scope: 'read:things' },
        schema: {
          tags: ['Things'],
          params: Type.Object({ id: Type.String() }),
          response: withErrors({ 200: Type.Object({ id: Type.String() }) }),
        },
      },
      async (request) => ({ id: request.params.id }),
    )
    instance.get('/dashboard', async () => 'page')
    await instance.ready()
    return instance
  }

  it.each(['1', '42', '2147483647', '007'])('routes the id %s', async (id) => {
    app = await appWithIdRoute()

    const response = await app.inject({ method: 'GET', url: `/api/v1/things/${id}` })

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ id })
  })

  it.each(['0', '-1', '1.5', 'abc', '1e3', '2147483648', '99999999999999999999'])(
    'answers 404 for the id %s',
    async (id) => {
      app = await appWithIdRoute()

      const response = await app.inject({ method: 'GET', url: `/api/v1/things/${id}` })

      expect(response.statusCode).toBe(404)
      expect(response.json().error_code).toBe('not_found')
    },
  )

  it('documents the route as /things/{id} with its scope, and leaves other routes out', async () => {
    app = await appWithIdRoute()

    const document = app.swagger() as {
      paths: Record<string, Record<string, { description?: string; parameters?: unknown[] }>>
    }

    expect(Object.keys(document.paths)).toEqual(['/things/{id}'])
    expect(document.paths['/things/{id}']?.get?.description).toBe('Required scope: `read:things`.')
    expect(document.paths['/things/{id}']?.get?.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'id', required: true }),
    ])
  })

  it('lists the error answers every authenticated route can give next to its own', () => {
    const ok = Type.Object({ id: Type.String() })

    const responses = withErrors({ 200: ok, 409: ErrorJson })

    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '429'])
  })
})
