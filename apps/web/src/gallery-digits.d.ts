/** The shipped test set's gallery, embedded in the page's entry at build time (vite-gallery-digits.ts). */
declare module 'virtual:gallery-digits' {
  export const shippedGallery: {
    /** Each digit's index in the shipped test set, in gallery order. */
    indices: number[];
    labels: number[];
    width: number;
    height: number;
    /** The digits' bytes, one after another, base64. */
    pixels: string;
  };
}
