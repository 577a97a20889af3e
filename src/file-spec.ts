export async function loadFileSpec(file: string, catalogue?: string): Promise<never> {
  throw new Error(`not yet: ${file} ${catalogue}`);
}
