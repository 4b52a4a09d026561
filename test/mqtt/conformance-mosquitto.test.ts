import { mqttConformance } from './conformance.js';
import { MOSQUITTO } from './support.js';

mqttConformance(MOSQUITTO);
