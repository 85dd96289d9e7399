import { createApiHandler, implement } from '../../shared/http/api-handler.ts';
import { journalDeps } from '../../shared/journal/journal-deps.ts';
import { changeEntry, createEntry, deleteEntry, exportJournal, getEntry, listEntries } from '../../shared/journal/journal-service.ts';
import { API_PREFIX, routes } from '../../shared/routes/index.ts';

const postEntry = implement(routes.createEntry, async ({ principal, body }) => {
  const entry = await createEntry(journalDeps(), principal.userId, body);
  return { status: 201, json: entry, headers: { location: `${API_PREFIX}/journal/entries/${entry.id}` } };
});

const getEntries = implement(routes.listEntries, async ({ principal, query }) => ({
  status: 200,
  json: await listEntries(journalDeps(), principal.userId, query),
}));

const getOneEntry = implement(routes.getEntry, async ({ principal, params }) => ({
  status: 200,
  json: await getEntry(journalDeps(), principal.userId, params.id),
}));

const patchEntry = implement(routes.changeEntry, async ({ principal, params, body }) => ({
  status: 200,
  json: await changeEntry(journalDeps(), principal.userId, params.id, body),
}));

const removeEntry = implement(routes.deleteEntry, async ({ principal, params }) => {
  await deleteEntry(journalDeps(), principal.userId, params.id);
  return { status: 204 };
});

const getExport = implement(routes.exportJournal, async ({ principal }) => ({
  status: 200,
  raw: { contentType: 'application/json', data: await exportJournal(journalDeps(), principal.userId) },
  headers: { 'content-disposition': `attachment; filename="kindred-journal-${new Date().toISOString().slice(0, 10)}.json"` },
}));

/** The `journal` area: a person's entries, each keeping the local time its writer saw; only they see them. */
export const handler = createApiHandler([postEntry, getEntries, getOneEntry, patchEntry, removeEntry, getExport]);
