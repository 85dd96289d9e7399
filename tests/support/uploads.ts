import { expect } from 'vitest';
import { apiClient } from './api-client.ts';
import { waitFor } from './wait.ts';

export interface IssuedUpload {
  readonly photoId: string;
  readonly upload: { url: string; fields: Record<string, string> };
  readonly expiresAt: string;
}

export interface PhotoView {
  readonly id: string;
  readonly status: string;
  readonly width?: number;
  readonly height?: number;
  readonly placeholder?: string;
  readonly urls?: Record<'thumb' | 'medium' | 'large', string>;
  readonly rejectionReason?: string;
}

/** What a browser does: ask for a form, then POST the file as multipart with every returned field. Returns the photo id. */
export async function uploadPhoto(baseUrl: string, token: string, bytes: Buffer, contentType: string, fileName: string): Promise<string> {
  const issued = await apiClient(baseUrl).post<IssuedUpload>('/api/v1/me/photos', { contentType, contentLength: bytes.length }, token);
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(issued.body.upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), fileName);
  const stored = await fetch(issued.body.upload.url, { method: 'POST', body: form });
  expect(stored.status).toBeLessThan(300);
  return issued.body.photoId;
}

/** The photo once the image worker has decided on it (ready or rejected). */
export async function settledPhoto(baseUrl: string, token: string, photoId: string, timeoutMs = 30_000): Promise<PhotoView> {
  const api = apiClient(baseUrl);
  return waitFor(async () => {
    const photo = (await api.get<PhotoView>(`/api/v1/me/photos/${photoId}`, token)).body;
    return photo.status === 'pending' ? undefined : photo;
  }, timeoutMs, 200);
}
