export {
  finishImport,
  getImport,
  type ImportCounts,
  type ImportRecord,
  type ImportStatus,
  insertImportRejections,
  listImportRejections,
  startImport,
  updateImportProgress,
} from './imports-repo.ts';
