// The baseline: a bare node:http server answering every request with the same captured bytes.
// Usage: PORT=… HOST=… node bench/bare-server.js <body-file>
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

const body = readFileSync(process.argv[2])
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }

const server = createServer((request, response) => {
  request.resume()
  response.writeHead(200, headers)
  response.end(body)
})
server.keepAliveTimeout = 72_000
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1')
process.once('SIGTERM', () => server.close(() => process.exit(0)))
