import { mqttIsolation } from './isolation.js';
import { MOSQUITTO, SYSTEM_MQTT_URL } from './support.js';

mqttIsolation({
  label: 'external (Mosquitto, observed with mosquitto_sub)',
  async start() {
    const stack = await MOSQUITTO.start();
    return { stack, observer: { port: Number(new URL(SYSTEM_MQTT_URL).port || 1883) } };
  },
});
