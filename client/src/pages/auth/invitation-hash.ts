/** The invitation token of an invite link (`/register#invitation=<token>`), if the fragment holds one. */
export function invitationFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('invitation')?.trim();
  return token ? token : null;
}
