import { supabaseConformance } from './conformance.js';
import { postgresHasVector } from './support.js';

/** The machine's PostgreSQL (a private database per run); vector cases only if pgvector is installed. */
supabaseConformance('postgres', { vector: await postgresHasVector() });
