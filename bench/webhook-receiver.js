// The receiver of bench/webhooks.js, in a process of its own so its clock readings are not held
// up by the dispatcher's work: answers 200 at once and reports, per request, the lag between the
// `sent_at_ms` the benchmark put in the event data and its arrival here.
import { createServer } from 'node:http'

const lags = []
let received = 0
const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const arrivedAtMs = performance.timeOrigin + performance.now()
    received += 1
    const sentAtMs = JSON.parse(Buffer.concat(chunks).toString()).data.sent_at_ms
    lags.push(arrivedAtMs - sentAtMs)
    response.writeHead(200, { 'content-type': 'text/plain' })
    response.end('ok')
  })
})

process.on('message', (message) => {
  if (message === 'report') process.send({ received, lags })
  if (message === 'stop') server.close(() => process.exit(0))
})
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
