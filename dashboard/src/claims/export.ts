import { AuditRewardClaimsDocument, claimCsvHeader, claimCsvRecord, type AuditRewardClaimsQuery, type ClaimFilter, type PlatformClient } from '@platform/client';

const EXPORT_PAGE = 100;

/** Every claim matching the filter, page after page, as RFC 4180 CSV (formula-injection safe). */
export async function exportClaimsCsv(client: PlatformClient, filter: ClaimFilter, onProgress?: (rows: number) => void): Promise<string> {
  let csv = claimCsvHeader();
  let after: string | null = null;
  let rows = 0;
  for (;;) {
    const page: AuditRewardClaimsQuery['rewardClaims'] = (await client.execute(AuditRewardClaimsDocument, { filter, first: EXPORT_PAGE, after })).rewardClaims;
    for (const edge of page.edges) csv += claimCsvRecord(edge.node);
    rows += page.edges.length;
    onProgress?.(rows);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return csv;
    after = page.pageInfo.endCursor;
  }
}

/** Hands the text to the browser as a file download. */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
