// Internals for this project's own packages and apps: not a stable API.
export { symmetricEigen } from './pca';
export { escapeXml, pngDataUri } from './svg';
