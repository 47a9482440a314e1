// The CRON script parser under generated text, valid scripts and mutated valid scripts (test/fuzz/script-targets.ts).
import { fuzzTest } from './fuzz-test.ts';
import { scriptTargets } from './script-targets.ts';

const [randomText, validScripts, mutated] = scriptTargets;
fuzzTest(randomText!, 3000);
fuzzTest(validScripts!, 300);
fuzzTest(mutated!, 300);
