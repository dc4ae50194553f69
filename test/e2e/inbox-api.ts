/** The case-worker inbox's API (server/inbox), as the e2e tests read what arrived. */
export const INBOX_TOKEN = 'musterstadt-demo'; // the demo default (docs/server.md)

/** Every submission in the inbox whose decrypted answers contain `marker`, in full (GET /submissions/{id}). */
export async function inboxWith<T extends { data: unknown }>(url: string, marker: string): Promise<T[]> {
  const headers = { authorization: `Bearer ${INBOX_TOKEN}` };
  const list = (await (await fetch(`${url}standins/inbox/api/submissions`, { headers })).json()) as {
    submissions: { submissionId: string }[];
  };
  const details = await Promise.all(
    list.submissions.map(
      async (s) =>
        (await fetch(`${url}standins/inbox/api/submissions/${s.submissionId}`, { headers })).json() as Promise<T>,
    ),
  );
  return details.filter((d) => JSON.stringify(d.data ?? null).includes(marker));
}
