// Every model, exported by name. Importing this module registers them with Mongoose.
export { Sequence } from './sequence.model.js';
