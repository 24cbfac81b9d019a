// The command line's entry in the built app, beside main.js: `node dist/apps/api/src/cli.js <command>`
// in the production image. The commands themselves are in cli/ (in development: `npm run cli -- <command>`).
import './cli/cli';
