import { mqttConformance } from './conformance.js';
import { EMBEDDED } from './support.js';

mqttConformance(EMBEDDED);
