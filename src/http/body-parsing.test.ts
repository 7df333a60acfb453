import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'
import { BODY_LIMIT_BYTES } from '../app.js'
import { registerJsonBodies } from './body-parsing.js'
import { registerErrorHandling } from './errors.js'

const JSON_TYPE = { 'content-type': 'application/json' }
const INVALID_CREDENTIALS = {
  success: false,
  error: 'Invalid username or password',
  message: 'Invalid username or password',
  error_code: 'unauthorized',
}

function badRequest(message: string) {
  return { success: false, error: message, message, error_code: 'bad_request' }
}

describe.each(dialects)('request bodies through the app on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  const postLogin = (payload: string, headers: Record<string, string> = JSON_TYPE) =>
    t.app.inject({ method: 'POST', url: '/login', headers, payload })

  it('refuses invalid JSON with 400 "Invalid JSON body"', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await postLogin('{"username": "admin",')

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(badRequest('Invalid JSON body'))
  })

  it('refuses JSON that is not an object: array, string, number, null', async () => {
    t = await buildTestApp({ dialect: name })

    const responses = await Promise.all(
      ['[1, 2]', '"admin"', '42', 'null', 'true'].map((payload) => postLogin(payload)),
    )

    for (const response of responses) {
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual(badRequest('JSON body must be an object'))
    }
  })

  it('reads an empty or blank JSON body as {}', async () => {
    t = await buildTestApp({ dialect: name })

    const empty = await postLogin('')
    const blank = await postLogin('  \n ')

    expect(empty.statusCode).toBe(401)
    expect(empty.json()).toEqual(INVALID_CREDENTIALS)
    expect(blank.statusCode).toBe(401)
  })

  it('refuses a non-empty body of another content type with 415', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await postLogin('username=admin', { 'content-type': 'text/plain' })

    expect(response.statusCode).toBe(415)
    expect(response.json()).toEqual({
      success: false,
      error: 'Content-Type must be application/json',
      message: 'Content-Type must be application/json',
      error_code: 'unsupported_media_type',
    })
  })

  it('refuses a body over 1 MiB with 413 in the envelope, on strict and lenient routes alike', async () => {
    t = await buildTestApp({ dialect: name })
    const huge = JSON.stringify({ username: 'admin', padding: 'x'.repeat(BODY_LIMIT_BYTES) })

    const strict = await postLogin(huge)
    const lenient = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: JSON_TYPE,
      payload: huge,
    })

    for (const response of [strict, lenient]) {
      expect(response.statusCode).toBe(413)
      expect(response.json()).toMatchObject({ success: false, error_code: 'payload_too_large' })
    }
  })

  it('rejects a __proto__ key without polluting any prototype', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await postLogin('{"username": "admin", "__proto__": {"polluted": true}}')

    expect(response.statusCode).toBe(400)
    expect(response.json().error_code).toBe('bad_request')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('parses the set-up wizard JSON body strictly too', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const response = await t.app.inject({ method: 'POST', url: '/setup', headers: JSON_TYPE, payload: '[]' })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(badRequest('JSON body must be an object'))
  })

  it('reads anything unparsable as {} on POST /api/v1/auth/login, answering 401 rather than 400', async () => {
    t = await buildTestApp({ dialect: name })
    const login = (payload: string, headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload })

    const garbage = await login('{"username": "admin",', JSON_TYPE)
    const array = await login('["admin", "admin-password"]', JSON_TYPE)
    const text = await login('hello', { 'content-type': 'text/plain' })
    const untyped = await login(JSON.stringify({ username: 'admin', password: 'admin-password' }), {
      'content-type': 'text/plain',
    })

    for (const response of [garbage, array, text]) {
      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual(INVALID_CREDENTIALS)
    }
    expect(untyped.statusCode).toBe(200)
    expect(untyped.json()).toEqual({ token: expect.stringMatching(/^tt_/) })
  })
})

describe('registerJsonBodies on a bare instance', () => {
  let app: FastifyInstance

  afterEach(async () => app?.close())

  async function echoApp(): Promise<FastifyInstance> {
    const instance = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES })
    registerErrorHandling(instance)
    registerJsonBodies(instance)
    instance.post('/api/v1/echo', async (request) => ({ body: request.body }))
    await instance.ready()
    return instance
  }

  const post = (payload: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/v1/echo', headers, payload })

  it('accepts application/json with parameters and any +json media type', async () => {
    app = await echoApp()

    const plain = await post('{"a": 1}', { 'content-type': 'application/json; charset=utf-8' })
    const patch = await post('{"b": 2}', { 'content-type': 'application/merge-patch+json' })

    expect(plain.json()).toEqual({ body: { a: 1 } })
    expect(patch.json()).toEqual({ body: { b: 2 } })
  })

  it('reads an empty body of any content type as {}', async () => {
    app = await echoApp()

    const text = await post('', { 'content-type': 'text/plain' })
    const form = await post('   ', { 'content-type': 'application/x-www-form-urlencoded' })

    expect(text.json()).toEqual({ body: {} })
    expect(form.json()).toEqual({ body: {} })
  })

  it('answers 415 for a non-empty body that is not JSON, or has no content type', async () => {
    app = await echoApp()

    const form = await post('a=1', { 'content-type': 'application/x-www-form-urlencoded' })
    const untyped = await app.inject({
      method: 'POST',
      url: '/api/v1/echo',
      payload: Buffer.from('{"a": 1}'),
    })

    expect(form.statusCode).toBe(415)
    expect(form.json().error_code).toBe('unsupported_media_type')
    expect(untyped.statusCode).toBe(415)
  })

  it('refuses constructor.prototype poisoning', async () => {
    app = await echoApp()

    const response = await post('{"constructor": {"prototype": {"polluted": true}}}', {
      'content-type': 'application/json',
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(badRequest('Invalid JSON body'))
  })
})
