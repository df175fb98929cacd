import { describe, expect, it } from 'vitest';
import { mono, script } from './fixtures/script.js';
import { inferSpeakerRoles } from './speaker-roles.js';

const roles = (...lines: string[]) => inferSpeakerRoles(script(...lines).turns);
const truth = (...lines: string[]) => script(...lines).turns.map((turn) => turn.speaker);

describe('inferSpeakerRoles', () => {
  it('keeps speakers that are already known', () => {
    expect(roles('C: Thanks for calling, how can I help?', 'A: How much is it?')).toEqual(['caller', 'agent']);
  });

  it('finds the agent of an inbound call by the business greeting, and the caller by price and safety questions', () => {
    const call = [
      'A: Maple Street Dermatology, this is Noor.',
      'C: Hi, I was wondering how much a chemical peel is. And is it safe for sensitive skin?',
      'A: Our light peel is one twenty, and we always test a small spot first.',
      'C: Okay. What do you have on Monday?',
      'A: I have Monday at four. Can I get your name?',
      'C: Sure, my name is Ada Lopes.',
    ];
    expect(inferSpeakerRoles(mono(script(...call)).turns)).toEqual(truth(...call));
  });

  it('starts an outbound call with the agent asking for the lead by name', () => {
    const call = [
      'A: Hi, is this Theo?',
      'C: Yeah, who is this?',
      'A: Hi Theo, this is Sam calling from Brightway Vein Clinic. You filled out our form about leg veins.',
      'C: Oh right, I remember.',
    ];
    expect(inferSpeakerRoles(mono(script(...call)).turns)).toEqual(truth(...call));
  });

  it('gives a voicemail greeting to the called party even though it speaks first', () => {
    const call = [
      "C: You've reached Mira, leave me a message after the beep.",
      'A: Hi Mira, this is Jo calling from Bloom Laser. Give us a call back when you can.',
    ];
    expect(inferSpeakerRoles(mono(script(...call)).turns)).toEqual(truth(...call));
  });

  it('lets a strong cue overrule alternation when one party speaks twice in a row', () => {
    const call = [
      'A: Harbor Skin Clinic, this is Lee, how can I help?',
      "C: Hi, I'm interested in laser for my sun spots.",
      'C: How much does it cost?',
      'A: We have a package of three for six hundred. Can I get your name?',
    ];
    expect(inferSpeakerRoles(mono(script(...call)).turns)).toEqual(truth(...call));
  });

  it('places unknown turns between known ones', () => {
    expect(roles('A: Thanks for calling Crest Dental.', '?: Hi, I have a question about my bill.', '?: Sure, what is it?')).toEqual([
      'agent',
      'caller',
      'agent',
    ]);
  });

  it('returns nothing for an empty transcript', () => {
    expect(inferSpeakerRoles([])).toEqual([]);
  });
});
