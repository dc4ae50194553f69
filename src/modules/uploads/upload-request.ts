/**
 * One PUT with upload progress. `fetch` cannot report how much of a request body has gone out
 * (streaming request bodies need HTTP/2 and are not in every browser); XMLHttpRequest can. The answer
 * is wrapped in a `Response`, and a network failure rejects with a TypeError like fetch does, so the
 * caller's retry rules stay the same.
 */
export function putWithProgress(
  url: string | URL,
  init: { headers: Record<string, string>; body: string | Blob },
  onProgress: (sent: number, total: number) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', String(url));
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'arraybuffer';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const at = line.indexOf(':');
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      const status = xhr.status;
      if (status < 200) return reject(new TypeError('network error during upload'));
      const body = status === 204 || status === 304 ? null : (xhr.response as ArrayBuffer);
      resolve(new Response(body, { status, statusText: xhr.statusText, headers }));
    };
    xhr.onerror = () => reject(new TypeError('network error during upload'));
    xhr.onabort = () => reject(new TypeError('upload aborted'));
    xhr.ontimeout = () => reject(new TypeError('upload timed out'));
    xhr.send(init.body);
  });
}
