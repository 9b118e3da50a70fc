export { createTestDb, type TestDb, testAdminUrl } from './create-test-db.ts';
