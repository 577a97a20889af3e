// How a bundled spec cites the vendor documents it was written from: by document and section,
// never by a workspace path the user does not have. The seed number stays for maintainers.
const DOCUMENTS = {
  '000': 'RingCentral API reference, Register SIP Device (createSipRegistration)',
  '001': 'Voximplant Management API reference, CreateSipRegistration',
  '002': 'Voximplant Management API reference, SIPRegistration methods',
  '003': 'BAS-IP CamDroid API reference, Set device SIP Settings',
  '004': 'BAS-IP Android API reference, Set SIP Settings',
} as const;

/** `vendor document: <title> (seed NNN)`, e.g. for the RingCentral error table. */
export const vendorDocument = (seed: keyof typeof DOCUMENTS) => `vendor document: ${DOCUMENTS[seed]} (seed ${seed})`;
