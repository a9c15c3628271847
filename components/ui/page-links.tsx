import Link from "next/link";

/**
 * "Previous page · Page n of m · Next page" under a paged list, or nothing when everything fits on one
 * page. `hrefFor` links to another page of the same view (filters and sort kept).
 */
export function PageLinks({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-4 text-sm">
      {page > 1 ? (
        <Link className="text-brand-700 underline" href={hrefFor(page - 1)}>
          Previous page
        </Link>
      ) : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="text-brand-700 underline" href={hrefFor(page + 1)}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
