import { supabaseConformance } from './conformance.js';

/** The embedded default: PGlite with pgvector, so every vector case runs here. */
supabaseConformance('pglite', { vector: true });
