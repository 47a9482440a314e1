// validateConfig and the YAML loader under generated objects and files (test/fuzz/config-targets.ts).
import { fuzzTest } from './fuzz-test.ts';
import { configTargets } from './config-targets.ts';

const [objects, yamlFiles] = configTargets;
fuzzTest(objects!, 600);
fuzzTest(yamlFiles!, 200);
