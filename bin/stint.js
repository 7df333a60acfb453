#!/usr/bin/env node
// The `stint` command: the compiled CLI (npm install builds dist/ through the prepare script).
import '../dist/cli/main.js'
