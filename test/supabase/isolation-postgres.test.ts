import { supabaseIsolation } from './isolation.js';
import { postgresHasVector } from './support.js';

supabaseIsolation('postgres', { vector: await postgresHasVector() });
