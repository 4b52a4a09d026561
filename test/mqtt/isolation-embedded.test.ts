import { freePort } from '../../packages/server/src/platform/managed-process.js';
import { mqttIsolation } from './isolation.js';
import { EMBEDDED } from './support.js';

const OPS = { username: 'ops', password: 'ops-password-for-tests' };

mqttIsolation({
  label: 'embedded (aedes, observed through its TCP listener)',
  async start() {
    const port = await freePort();
    const stack = await EMBEDDED.start({
      MQTT_EMBEDDED_PORT: String(port),
      MQTT_EMBEDDED_USERNAME: OPS.username,
      MQTT_EMBEDDED_PASSWORD: OPS.password,
    });
    return { stack, observer: { port, ...OPS } };
  },
});
