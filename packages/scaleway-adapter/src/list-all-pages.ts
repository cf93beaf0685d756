/** Scaleway's maximum `page_size`. */
export const MAX_PAGE_SIZE = 100;

/** One page of a Scaleway listing, already unwrapped. */
export interface ListPage<T> {
  items: T[];
  totalCount: number;
}

/**
 * Every item of a paginated listing: page 1 first (for `total_count`), then the remaining pages
 * with at most `concurrency` requests in flight, concatenated in page order.
 */
export async function listAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<ListPage<T>>,
  concurrency: number,
): Promise<T[]> {
  const first = await fetchPage(1, MAX_PAGE_SIZE);
  const pageCount = Math.ceil(first.totalCount / MAX_PAGE_SIZE);
  if (pageCount <= 1 || first.items.length === 0) return first.items;
  const results: T[][] = new Array<T[]>(pageCount);
  results[0] = first.items;
  let next = 2;
  const worker = async (): Promise<void> => {
    while (next <= pageCount) {
      const page = next++;
      try {
        results[page - 1] = (await fetchPage(page, MAX_PAGE_SIZE)).items;
      } catch (error) {
        next = pageCount + 1; // stop the other workers from starting new pages
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, pageCount - 1));
  await Promise.all(Array.from({ length: workers }, worker));
  return results.flat();
}
