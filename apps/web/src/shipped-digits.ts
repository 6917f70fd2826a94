/** The test set the page ships in public/data: its entry, its build (the gallery) and its scripts read these. */
export const SHIPPED_DIGITS = { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' } as const;
