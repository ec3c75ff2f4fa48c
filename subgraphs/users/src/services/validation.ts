import { badInput } from '@platform/shared';

const USERNAME = /^[a-zA-Z0-9_.-]{3,32}$/;
const DEVICE_ID = /^[\x21-\x7e]{1,64}$/;

export interface Credentials {
  username: string;
  password: string;
  deviceId?: string | null;
}

export function validateCredentials(credentials: Credentials, path = 'input'): Required<{ [K in keyof Credentials]: string }> {
  const input = { ...credentials, deviceId: credentials.deviceId ?? 'default' };
  if (!USERNAME.test(input.username)) {
    throw badInput('username must be 3–32 characters of letters, digits, "_", "." or "-".', `${path}.username`);
  }
  if (input.password.length < 8 || input.password.length > 128) {
    throw badInput('password must be 8–128 characters.', `${path}.password`);
  }
  validateDeviceId(input.deviceId, `${path}.deviceId`);
  return input;
}

export function validateDeviceId(deviceId: string, path = 'deviceId'): void {
  if (!DEVICE_ID.test(deviceId)) throw badInput('deviceId must be 1–64 visible ASCII characters.', path);
}
