import type { Area } from '../shared/http/route-definition.ts';
import { DEFAULT_PICTURE_PREFIX } from '../shared/journal/default-pictures.ts';
import type { KindredFunction } from './constructs/kindred-function.ts';
import type { StatefulStack } from './stateful-stack.ts';

/**
 * What each API area's function may touch. Typed over every area, so adding
 * an area to the route table without deciding its permissions fails to compile.
 */
/** Areas that change people's accounts: data, emails with signed links, and their photos (avatars, deletion). */
function bindPeopleManagement(fn: KindredFunction, data: StatefulStack): void {
  fn.bindTable(data.table, 'readwrite')
    .bindQueueSender(data.queues.email, 'EMAIL_QUEUE_URL')
    .bindSecretReader(data.keysSecret, 'KEYS_SECRET_ARN')
    .bindBucket(data.uploadsBucket, 'UPLOADS_BUCKET', ['delete', 'list'])
    .bindBucket(data.mediaBucket, 'MEDIA_BUCKET', ['read', 'delete', 'list']);
}

export const AREA_BINDINGS: Readonly<Record<Area, (fn: KindredFunction, data: StatefulStack) => void>> = {
  // Health and documentation read nothing and write nothing.
  system: () => {},
  auth: (fn, data) =>
    fn
      .bindTable(data.table, 'readwrite')
      .bindQueueSender(data.queues.email, 'EMAIL_QUEUE_URL')
      .bindSecretReader(data.keysSecret, 'KEYS_SECRET_ARN'),
  // Signs email-change links, so it reads the token secret too; deleting an account deletes its photos.
  account: bindPeopleManagement,
  // Sends invitations (signed links), signs list cursors, shows avatars, deletes users' photos.
  admin: bindPeopleManagement,
  // Presigned uploads are signed with the function's own rights: it may put, only into the uploads bucket.
  photos: (fn, data) =>
    fn
      .bindTable(data.table, 'readwrite')
      .bindBucket(data.uploadsBucket, 'UPLOADS_BUCKET', ['put', 'delete'])
      .bindBucket(data.mediaBucket, 'MEDIA_BUCKET', ['read', 'delete']),
  // Glucose readings live in their owner's partition; the foods table ships inside the bundle.
  health: (fn, data) => fn.bindTable(data.table, 'readwrite'),
  // Profiles, decks, pairs and matches in the table; card photos are presigned reads of the media
  // bucket; match emails go through the email queue. No key secret: its cursors need no signature.
  friends: (fn, data) =>
    fn
      .bindTable(data.table, 'readwrite')
      .bindQueueSender(data.queues.email, 'EMAIL_QUEUE_URL')
      .bindBucket(data.mediaBucket, 'MEDIA_BUCKET', ['read']),
  // Entries live in their writer's partition; it signs read URLs of the default pictures, and may read nothing else of the media bucket.
  journal: (fn, data) => fn.bindTable(data.table, 'readwrite').bindBucket(data.mediaBucket, 'MEDIA_BUCKET', ['read'], `${DEFAULT_PICTURE_PREFIX}*`),
};

/** Packages with native code an area needs installed for the Lambda's platform. */
export const AREA_NATIVE_MODULES: Readonly<Partial<Record<Area, readonly string[]>>> = {
  auth: ['@node-rs/argon2'],
  account: ['@node-rs/argon2'],
};

/** Files an area's bundle needs at run time, copied next to its handler. */
export const AREA_ASSETS: Readonly<Partial<Record<Area, readonly string[]>>> = {
  system: ['node_modules/swagger-ui-dist/swagger-ui-bundle.js', 'node_modules/swagger-ui-dist/swagger-ui.css'],
};
