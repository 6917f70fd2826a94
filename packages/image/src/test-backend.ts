// Tests run on the pure-JS cpu backend; the package itself never picks a backend.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

tf.env().set('IS_TEST', true);
await tf.setBackend('cpu');
