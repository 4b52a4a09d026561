import { supabaseIsolation } from './isolation.js';

supabaseIsolation('pglite', { vector: true });
