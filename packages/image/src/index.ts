export type { GrayImage, GridOptions, ImageSize } from './gray-image';
export { gridImage, toGrayImages, toRgba } from './gray-image';
export { interpolateLatents } from './interpolate';
export type { LatentFigureInput } from './latent-figure';
export { CLASS_COLOURS, classColour, latentFigureSvg } from './latent-figure';
export type { LossPlotOptions, LossPoint } from './loss-plot';
export { logTicks, lossPlotSvg } from './loss-plot';
export { mse, msePerImage, psnr, psnrPerImage } from './metrics';
// addNoise is `@bottleneck/image/noise`: the one part that computes with tfjs-core
export type { NoiseKind, NoiseOptions } from './noise';
export type { Pca } from './pca';
export { fitPca, projectPca, symmetricEigen, unprojectPca } from './pca';
export { decodePng, encodePng } from './png';
export type { FigureOptions, FigureRow } from './svg';
export { figureSvg, pngDataUri } from './svg';
