import type { TravelerInput } from '../api/create-traveler';
import type { Traveler } from '../api/list-travelers';

// The form's values (all strings, as typed) and the API's rules, mirrored on the client.
export interface TravelerFormValues {
  givenNames: string;
  surname: string;
  dateOfBirth: string;
  gender: string;
  nationality: string;
  passportNumber: string;
  passportIssuingCountry: string;
  passportExpiry: string;
  email: string;
  phone: string;
  seatPreference: string;
  mealPreference: string;
}

export type TravelerField = keyof TravelerFormValues;
export const travelerFields: TravelerField[] = [
  'givenNames', 'surname', 'dateOfBirth', 'gender', 'nationality', 'passportNumber',
  'passportIssuingCountry', 'passportExpiry', 'email', 'phone', 'seatPreference', 'mealPreference',
];

export const genders = ['female', 'male', 'unspecified'] as const;
export const seats = ['aisle', 'window', 'none'] as const;
export const meals = ['none', 'vegetarian', 'vegan', 'kosher', 'halal', 'hindu', 'glutenFree', 'diabetic', 'lowSodium', 'child'] as const;

export const emptyTraveler: TravelerFormValues = {
  givenNames: '', surname: '', dateOfBirth: '', gender: '', nationality: '', passportNumber: '',
  passportIssuingCountry: '', passportExpiry: '', email: '', phone: '', seatPreference: '', mealPreference: '',
};

export function fromTraveler(t: Traveler): TravelerFormValues {
  return {
    givenNames: t.givenNames, surname: t.surname, dateOfBirth: t.dateOfBirth, gender: t.gender ?? '',
    nationality: t.nationality ?? '', passportNumber: t.passportNumber ?? '', passportIssuingCountry: t.passportIssuingCountry ?? '',
    passportExpiry: t.passportExpiry ?? '', email: t.email ?? '', phone: t.phone ?? '',
    seatPreference: t.seatPreference ?? '', mealPreference: t.mealPreference ?? '',
  };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

export function toRequest(v: TravelerFormValues, loyalty: Traveler['loyaltyNumbers'] = []): TravelerInput {
  return {
    givenNames: orNull(v.givenNames), surname: orNull(v.surname), dateOfBirth: orNull(v.dateOfBirth),
    gender: orNull(v.gender), nationality: orNull(v.nationality.toUpperCase()), passportNumber: orNull(v.passportNumber.replace(/\s/g, '').toUpperCase()),
    passportIssuingCountry: orNull(v.passportIssuingCountry.toUpperCase()), passportExpiry: orNull(v.passportExpiry),
    email: orNull(v.email), phone: orNull(v.phone), loyaltyNumbers: loyalty, seatPreference: orNull(v.seatPreference), mealPreference: orNull(v.mealPreference),
  };
}

const NAME = /^\p{L}[\p{L}\p{M}' .-]*$/u;
const PASSPORT = /^[A-Z0-9]{5,20}$/;
const PHONE = /^\+[1-9][0-9]{6,14}$/;
const COUNTRY = /^[A-Z]{2}$/;

export function validateTraveler(v: TravelerFormValues, today = new Date()): Partial<Record<TravelerField, string>> {
  const errors: Partial<Record<TravelerField, string>> = {};
  for (const field of ['givenNames', 'surname'] as const) {
    const value = v[field].trim();
    if (!value) errors[field] = 'Required, exactly as on the passport.';
    else if (value.length > 60 || !NAME.test(value)) errors[field] = 'Letters, spaces, hyphens and apostrophes only, at most 60 characters, as on the passport.';
  }
  const iso = today.toISOString().slice(0, 10);
  if (!v.dateOfBirth) errors.dateOfBirth = 'Required (YYYY-MM-DD).';
  else if (v.dateOfBirth > iso || Number(v.dateOfBirth.slice(0, 4)) < today.getUTCFullYear() - 120) errors.dateOfBirth = 'Must be a real date of birth, not in the future.';
  for (const field of ['nationality', 'passportIssuingCountry'] as const) {
    const value = v[field].trim().toUpperCase();
    if (value && !COUNTRY.test(value)) errors[field] = 'An ISO 3166 country code such as PT or US.';
  }
  const passport = v.passportNumber.replace(/\s/g, '').toUpperCase();
  if (passport) {
    if (!PASSPORT.test(passport)) errors.passportNumber = '5 to 20 letters and digits.';
    if (!v.passportIssuingCountry.trim()) errors.passportIssuingCountry = 'Required with a passport number.';
    if (!v.passportExpiry) errors.passportExpiry = 'Required with a passport number.';
  }
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+$/.test(v.email.trim())) errors.email = 'Enter a valid email address.';
  const phone = v.phone.replace(/[^\d+]/g, '');
  if (v.phone.trim() && !PHONE.test(phone)) errors.phone = 'An international number starting with + and the country code, such as +351 912 345 678.';
  return errors;
}
