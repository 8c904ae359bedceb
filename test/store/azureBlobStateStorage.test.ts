import { ContainerClient } from '@azure/storage-blob';
import { strict as assert } from 'node:assert';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { AzureBlobStateStorage, blobNameFor } from '../../bot/store/azureBlobStateStorage';
import { uniqueStoreName, useAzurite } from '../helpers/azurite';
import { runStorageContract } from './storageContract';

describe('Azure Blob state storage (Azurite)', function () {
  const azurite = useAzurite();

  runStorageContract('Azure Blob Storage through BlobsStorage (Azurite)', () => {
    const container = uniqueStoreName('state');
    return {
      clockResolutionMs: 1000,
      open: () => new AzureBlobStateStorage(azurite.connectionString, container),
      dispose: async () => {
        await new ContainerClient(azurite.connectionString, container).deleteIfExists();
      },
    };
  });

  it('reads and writes the same blobs as BlobsStorage (data of earlier versions stays readable)', async () => {
    const container = uniqueStoreName('compat');
    const key = 'webchat/conversations/a b|ü';
    await new BlobsStorage(azurite.connectionString, container).write({ [key]: { case: { language: 'de' } } });
    const ours = new AzureBlobStateStorage(azurite.connectionString, container);
    assert.deepEqual(((await ours.read([key]))[key] as { case?: unknown }).case, { language: 'de' });
    const names: string[] = [];
    for await (const blob of new ContainerClient(azurite.connectionString, container).listBlobsFlat()) names.push(blob.name);
    assert.deepEqual(names, [blobNameFor(key)]);
  });
});
