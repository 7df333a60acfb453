// Writes openapi.json at the repository root from the compiled app; `npm run openapi` builds first.
// A test (src/http/openapi.test.ts) fails when the committed file differs from the routes.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { generateOpenApiDocument, serializeOpenApiDocument } from '../dist/http/openapi-document.js'

const target = fileURLToPath(new URL('../openapi.json', import.meta.url))
writeFileSync(target, serializeOpenApiDocument(await generateOpenApiDocument()))
console.log(`wrote ${target}`)
