import { describe, expect, it } from 'vitest';
import { CallTurns } from './call-turns.js';
import { classifyCategory } from './category-rules.js';
import { mono, script } from './fixtures/script.js';

const classify = (...lines: string[]) => classifyCategory(new CallTurns(script(...lines)));

describe('classifyCategory', () => {
  it('books a consult only when the agent confirms a specific time', () => {
    const finding = classify(
      'A: Cedar Aesthetics, this is Rey.',
      "C: Hi, I'm interested in filler for my smile lines. What do you have next week?",
      'A: I have Tuesday at eleven or Thursday at four.',
      'C: Thursday at four works.',
      "A: Great, you're booked for Thursday at four with Nurse Ana.",
      'C: Thanks!',
    );
    expect(finding.category).toBe('consult_scheduled');
    expect(finding.confirmation?.sentence).toContain('Thursday at four');
    expect(finding.confidence).toBeGreaterThan(0.8);
  });

  it('does not count a slot the caller picked and then withdrew before confirmation', () => {
    const finding = classify(
      'A: Cedar Aesthetics, this is Rey.',
      "C: Hi, I'm thinking about microneedling. Could I come in Friday?",
      'A: I have Friday at two.',
      'C: Friday at two is good.',
      'A: Perfect, and your last name?',
      'C: Oh wait, actually, I need to check with my sitter first. Let me call you back.',
      'A: Of course, just call when you know.',
    );
    expect(finding.category).toBe('consult_not_scheduled');
    expect(finding.confirmation).toBeUndefined();
  });

  it('undoes a confirmation the caller takes back right after', () => {
    const finding = classify(
      "C: Hi, I'd like to book a consult for laser hair removal.",
      "A: Sure, you're all set for Monday at nine.",
      'C: Actually, wait, can you cancel that? I just saw I have a meeting.',
      "A: No problem, I'll cancel that slot for you.",
    );
    expect(finding.category).toBe('consult_not_scheduled');
  });

  it('counts a reschedule only once the new time is confirmed', () => {
    const moved = classify(
      'A: Pine Ridge Surgery, this is Val.',
      'C: Hi, I have a consultation on Monday and I need to move it.',
      'A: Sure, I can do Wednesday at ten.',
      'C: That works.',
      "A: Done, I've moved you to Wednesday at ten.",
    );
    expect(moved.category).toBe('consult_scheduled');
    const open = classify(
      'A: Pine Ridge Surgery, this is Val.',
      'C: Hi, I have a consultation on Monday and I need to move it.',
      'A: Sure, I can do Wednesday at ten or Friday at one.',
      "C: I'm not sure yet, I'll call you back when I know my shifts.",
    );
    expect(open.category).toBe('consult_not_scheduled');
  });

  it('does not take a lookup of an existing appointment for a booking', () => {
    const finding = classify(
      'A: Pine Ridge Surgery, this is Val.',
      'C: Hi, I have an appointment tomorrow at ten and I wanted to ask where to park.',
      "A: Yes, you're set for tomorrow at ten. The garage on Fifth validates.",
      'C: Great, thanks.',
    );
    expect(finding.category).toBe('other_question');
    expect(finding.otherTopic).toBe('parking or directions');
  });

  it('counts "got you down for" once the caller picked the slot', () => {
    const finding = classify(
      'A: Bare Laser, this is Gina.',
      'C: Hi, I want to start laser hair removal. Do you have Wednesday?',
      'A: I have Wednesday at six or Thursday at five thirty.',
      'C: Wednesday at six.',
      'A: Got you down for Wednesday at six with Jess.',
    );
    expect(finding.category).toBe('consult_scheduled');
  });

  it('files a caller asking about the appointment she already has as another question', () => {
    const finding = classify(
      'A: Serene Med Spa, this is Holly.',
      "C: Hi, I have an appointment coming up for a facial and I deleted the text. I can't remember the day.",
      'A: No problem. I have you down for Thursday the twelfth at two thirty.',
      'C: Thursday, okay, thanks!',
    );
    expect(finding).toMatchObject({ category: 'other_question', otherTopic: 'appointment question' });
  });

  it('does not take a caller mentioning a voicemail for a voicemail greeting', () => {
    const finding = classify(
      'A: Cedar Dermatology, this is Mo.',
      "C: Hi, I'm returning a call, someone left me a voicemail yesterday.",
      "A: Yes, the nurse wanted to go over your results, I'll have her call you.",
    );
    expect(finding).toMatchObject({ category: 'other_question', voicemail: false, otherTopic: 'returning a call' });
  });

  it('files an outbound voicemail as a consult not scheduled', () => {
    const finding = classify(
      "C: Hi, you've reached Dana. Please leave a message after the tone.",
      'A: Hi Dana, this is Kim calling from Glow Clinic about the free consult you asked about. Call us back any time!',
    );
    expect(finding).toMatchObject({ category: 'consult_not_scheduled', voicemail: true, outbound: true });
  });

  it('files a wrong number as another question', () => {
    const finding = classify(
      'A: Birchwood Dental, this is Max.',
      'C: Hi, is this the hardware store? I wanted to ask if you have paint.',
      'A: Sorry, I think you have the wrong number, this is a dental office.',
      'C: Oh, sorry about that.',
    );
    expect(finding).toMatchObject({ category: 'other_question', otherTopic: 'wrong number' });
  });

  it.each([
    ['billing question', 'C: Hi, I was charged twice for my last facial and I need a refund.'],
    ['gift card', "C: Hi, I'd like to buy a gift card for my sister's birthday."],
    ['job inquiry', "C: Hi, I saw you're hiring an esthetician and I wanted to send my resume."],
    ['opening hours', 'C: Hi, are you open on Sunday? I need to pick something up.'],
    ['records request', 'C: Hi, I need a copy of my records sent to my new dermatologist.'],
    ['lost item', 'C: Hi, I was in yesterday for a facial and I think I left my sunglasses in the room.'],
  ])('files a %s as another question', (topic, opening) => {
    const finding = classify('A: Birchwood Skin, this is Max.', opening, 'A: Sure, I can help with that.');
    expect(finding).toMatchObject({ category: 'other_question', otherTopic: topic });
  });

  it('treats a cancelled consult as not scheduled', () => {
    const finding = classify(
      'A: Birchwood Skin, this is Max.',
      'C: Hi, I have a consultation for lipo on Friday and I need to cancel it.',
      "A: Okay, I've cancelled Friday for you.",
    );
    expect(finding).toMatchObject({ category: 'consult_not_scheduled', cancelled: true });
  });

  it('classifies the same call alike when the speakers are unknown', () => {
    const call = script(
      'A: Cedar Aesthetics, this is Rey, how can I help?',
      "C: Hi, I'm interested in Botox. What do you have Friday?",
      'A: I have Friday at noon. Can I get your name?',
      "C: It's Lina Park.",
      "A: Thanks Lina, you're all set for Friday at noon.",
    );
    expect(classifyCategory(new CallTurns(mono(call))).category).toBe('consult_scheduled');
  });
});
