// `npm start` runs the project's main job: the sandbox (standalone server + triage agent demo).
// Until @understudy/cli lands, this says what was built.
console.log('understudy: packages built. The sandbox server arrives with @understudy/cli.')
