// The VAPIX string parsers on their own, then port.cgi, param.cgi and the JSON CGIs through the real app
// (test/fuzz/vapix-targets.ts, test/fuzz/http-targets.ts).
import { fuzzTest } from './fuzz-test.ts';
import { httpTargets } from './http-targets.ts';
import { vapixTargets } from './vapix-targets.ts';

for (const target of vapixTargets) fuzzTest(target, 2000);
for (const target of httpTargets.filter((t) => t.family === 'vapix')) fuzzTest(target, 600);
