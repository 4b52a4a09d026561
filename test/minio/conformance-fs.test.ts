import { startStack } from '../support/stack.js';
import { objectStorageConformance } from './conformance.js';

objectStorageConformance({
  label: 'fs (embedded)',
  features: {
    bucketTags: true,
    versioning: true,
    lifecycle: true,
    policies: true,
    multipartManagement: true,
    listPagination: true,
    richListing: true,
  },
  start: () => startStack(['minio']),
});
