import { TableClient } from '@azure/data-tables';
import { TableCaseStore } from '../../bot/cases/tableCaseStore';
import { uniqueStoreName, useAzurite } from '../helpers/azurite';
import { runCaseStoreContract } from './caseStoreContract';

describe('Azure Table case store (Azurite)', function () {
  const azurite = useAzurite();

  // Two store instances on one table stand for two bot instances behind a load balancer.
  runCaseStoreContract('Azure Table Storage (Azurite, two instances)', () => {
    const table = uniqueStoreName('cases');
    return {
      open: () => new TableCaseStore(azurite.connectionString, table),
      dispose: async () => {
        await TableClient.fromConnectionString(azurite.connectionString, table, { allowInsecureConnection: true }).deleteTable();
      },
    };
  });
});
