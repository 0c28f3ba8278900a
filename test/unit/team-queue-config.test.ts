import { describe, expect, it } from 'vitest';
import { ConfigReader, type ConfigStorage } from '../../src/background/config-reader';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { TeamQueueSchema, teamQueueTarget } from '../../src/config/team-queue';

const storageWith = (policy: Record<string, unknown>): ConfigStorage => {
  const local: Record<string, unknown> = {};
  return {
    managed: { get: async () => policy },
    local: {
      get: async (key) => ({ [key]: local[key] }),
      set: async (items) => void Object.assign(local, items),
    },
  };
};

describe('teamQueue policy', () => {
  it('is off by default: no server, so the queue stays on this device', () => {
    expect(DEFAULT_CONFIG.teamQueue).toEqual({ pollSeconds: 60 });
    expect(teamQueueTarget(DEFAULT_CONFIG.teamQueue)).toBeUndefined();
  });

  it('takes an https base URL (trailing slash dropped) and a team, polling every 60 s unless told', () => {
    const config = TeamQueueSchema.parse({
      fhirBaseUrl: 'https://fhir.example.org/fhir/R4/',
      team: { code: 'north-desk' },
    });
    expect(teamQueueTarget(config)).toEqual({
      fhirBaseUrl: 'https://fhir.example.org/fhir/R4',
      team: { system: 'urn:handoff:team', code: 'north-desk' },
      pollSeconds: 60,
    });
  });

  it('accepts plain http on loopback only', () => {
    expect(TeamQueueSchema.safeParse({ fhirBaseUrl: 'http://127.0.0.1:8103/fhir/R4' }).success).toBe(true);
    expect(TeamQueueSchema.safeParse({ fhirBaseUrl: 'http://localhost/fhir' }).success).toBe(true);
    expect(TeamQueueSchema.safeParse({ fhirBaseUrl: 'http://fhir.example.org/fhir/R4' }).success).toBe(false);
    expect(TeamQueueSchema.safeParse({ fhirBaseUrl: 'ftp://fhir.example.org/' }).success).toBe(false);
    // Loopback lets plain http through, not any other scheme.
    expect(TeamQueueSchema.safeParse({ fhirBaseUrl: 'ftp://localhost/fhir' }).success).toBe(false);
    expect(TeamQueueSchema.safeParse({ fhirBaseUrl: 'ws://127.0.0.1:8103/fhir' }).success).toBe(false);
  });

  it('drops every trailing slash, so the paths the sync engine appends stay single', () => {
    expect(TeamQueueSchema.parse({ fhirBaseUrl: 'https://fhir.example.org/fhir/R4//' }).fhirBaseUrl).toBe(
      'https://fhir.example.org/fhir/R4',
    );
  });

  it('runs the team queue only with both a server and a team', () => {
    const server = TeamQueueSchema.parse({ fhirBaseUrl: 'https://fhir.example.org/fhir/R4' });
    const team = TeamQueueSchema.parse({ team: { code: 'north-desk' } });
    expect(teamQueueTarget(server)).toBeUndefined();
    expect(teamQueueTarget(team)).toBeUndefined();
  });

  it('refuses credentials, queries and fragments in the URL', () => {
    for (const url of [
      'https://user:secret@fhir.example.org/fhir',
      'https://user@fhir.example.org/fhir',
      'https://:secret@fhir.example.org/fhir',
      'https://fhir.example.org/fhir?_format=json',
      'https://fhir.example.org/fhir#x',
    ])
      expect(TeamQueueSchema.safeParse({ fhirBaseUrl: url }).success, url).toBe(false);
  });

  it('polls at most every minute and no faster than Chrome alarms allow', () => {
    expect(TeamQueueSchema.safeParse({ pollSeconds: 61 }).success).toBe(false);
    expect(TeamQueueSchema.safeParse({ pollSeconds: 29 }).success).toBe(false);
    expect(TeamQueueSchema.parse({ pollSeconds: 30 }).pollSeconds).toBe(30);
  });

  it('a wrong server address in policy is reported by path and leaves the queue local', async () => {
    const reader = new ConfigReader(
      storageWith({ teamQueue: { fhirBaseUrl: 'http://fhir.example.org/fhir', team: { code: 'a' } } }),
    );
    const state = await reader.refresh();
    expect(state.errors).toEqual([
      { path: 'teamQueue.fhirBaseUrl', message: expect.stringContaining('https only') },
    ]);
    expect(teamQueueTarget(state.config.teamQueue)).toBeUndefined();
  });
});
