/** Home-practice prescriptions through the API (client page): create, list, download the handout or the audio. */
import type { Prescription, PrescriptionLang } from '../domain/prescription.js';

/** The numbers as the therapist typed them ("5,5" or "5.5"): the core reads and checks them as `cadans prescribe` does. */
export interface PrescriptionRequest {
  clientId: number;
  rateBpm: string;
  /** "in:out", e.g. "4:6". */
  ratio: string;
  holdInSec?: string;
  holdOutSec?: string;
  minutes: string;
  timesPerDay?: string;
  lang: PrescriptionLang;
}

/** Stored, or refused with one sentence per problem in the UI's language (nothing stored). */
export type PrescriptionSaveResult = { ok: true; value: Prescription } | { ok: false; errors: string[] };

export type PrescriptionFileKind = 'handout' | 'audio';
export const PRESCRIPTION_FILE_KINDS: readonly PrescriptionFileKind[] = ['handout', 'audio'];

export interface PrescriptionFileRequest {
  prescriptionId: number;
  file: PrescriptionFileKind;
}
