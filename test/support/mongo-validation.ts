import mongoose from 'mongoose';

/** The paths a MongoDB schema validation names, or [] when the document is valid (no server needed). */
export async function invalidPaths(doc: mongoose.Document): Promise<string[]> {
  try {
    await doc.validate();
    return [];
  } catch (error) {
    if (error instanceof mongoose.Error.ValidationError) return Object.keys(error.errors).sort();
    throw error;
  }
}
