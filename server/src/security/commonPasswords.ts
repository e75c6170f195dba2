// Refuses passwords that are common or trivially derived from common ones (the list is checked case-insensitively).

/** Long passwords seen again and again in breach corpora, plus this service's own obvious words. */
const COMMON = new Set(
  [
    '123456789012', '1234567890123', '12345678901234', '123456789123', '123123123123', '121212121212',
    '111111111111', '000000000000', '999999999999', '987654321098', '098765432109', '147258369147',
    'qwertyuiopas', 'qwertyuiop12', 'qwertyuiop123', 'qwertyuiop1234', 'qwerty123456', 'qwerty1234567',
    'qwertyqwerty', 'qwertyuiopasdfghjkl', 'qwertyuiopasdfgh', 'asdfghjkl123', 'asdfghjklzxc', 'zxcvbnm12345',
    'zxcvbnmasdfghjkl', 'qazwsxedcrfv', 'qazwsxedcrfvtgb', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', 'zaq12wsxcde3',
    'zaq1zaq1zaq1', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u8i', 'q1w2e3r4t5y6', 'a1b2c3d4e5f6', 'abcdefghijkl',
    'abcdefghijklm', 'abcd12345678', 'abc123456789', 'abc123abc123', 'aaaaaaaaaaaa', 'password1234',
    'password12345', 'password123456', 'password1234567', 'passwordpassword', 'password!123', 'password123!',
    'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'p@ssw0rd123!', 'mypassword123', 'mypassword1234',
    'newpassword123', 'changeme1234', 'changemeplease', 'letmein12345', 'letmeinletmein', 'welcome12345',
    'welcome123456', 'welcomewelcome', 'iloveyou1234', 'iloveyou12345', 'iloveyouiloveyou', 'iloveyou2024',
    'administrator', 'administrator1', 'admin1234567', 'adminadmin123', 'rootroot1234', 'trustno1trustno1',
    'monkey123456', 'dragon123456', 'football1234', 'football12345', 'baseball1234', 'basketball12',
    'princess1234', 'sunshine1234', 'superman1234', 'batman123456', 'starwars1234', 'pokemon12345',
    'michael12345', 'jennifer1234', 'jessica12345', 'charlie12345', 'shadow123456', 'master123456',
    'whatever1234', 'computer1234', 'internet1234', 'thisismypassword', 'correcthorsebatterystaple',
    'summer2024!!', 'winter2024!!', 'spring2024!!', 'autumn2024!!', 'january2024!', 'qwerty123456!',
    'helloworld12', 'helloworld123', 'hello1234567', 'goodmorning1', 'loveyou12345', 'mylove123456',
    'beside123456', 'besidechat123', 'besidepassword', 'volunteer123', 'volunteer1234', 'moderator123',
    'moderator1234', 'survivor1234', 'support12345', 'supportchat1', 'peersupport1',
  ].map((p) => p.toLowerCase()),
);

/** Words that, with only digits and symbols around them, make a guessable password. */
const COMMON_BASES = [
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm',
  'iloveyou', 'welcome', 'letmein', 'admin', 'administrator', 'monkey', 'dragon', 'football', 'baseball',
  'princess', 'sunshine', 'superman', 'master', 'shadow', 'changeme', 'beside', 'volunteer', 'moderator',
  'survivor', 'support', 'abc', 'abcdef', 'secret', 'login', 'hello', 'helloworld',
  // Seasons, months and days: "Summer2025!!", "January2026", "Friday123!" top every breach list of policy passwords.
  'summer', 'winter', 'spring', 'autumn', 'fall', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
  'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'love', 'baby', 'angel', 'flower', 'lovely', 'freedom', 'family', 'london', 'mexico',
];

/**
 * The reason a password is refused, or undefined when it is acceptable. `personal` holds what an attacker would try
 * first for this account (its e-mail, its display name): a password built on one of them is refused too.
 */
export function commonPasswordReason(password: string, personal: readonly string[] = []): string | undefined {
  const p = password.toLowerCase();
  for (const word of personalWords(personal)) {
    if (p.includes(word)) return 'contains your e-mail address or name; choose another';
  }
  if (COMMON.has(p)) return 'is on a list of common passwords; choose another';
  if (/^(.)\1+$/.test(p)) return 'is one character repeated; choose another';
  if (isSequence(p)) return 'is a simple sequence; choose another';
  const core = p.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (COMMON_BASES.includes(core)) return 'is a common word with digits or symbols added; choose another';
  // One short word with only digits and symbols after it ("Bluebird2025!!"): the shape guessing lists try first.
  if (/^[a-z]{1,10}[\d\W_]+$/.test(p) && !/[a-z][\d\W_]+[a-z]/.test(p)) return 'is one word with digits or symbols added; choose another';
  return undefined;
}

/** The e-mail whole, its local part and its domain's name, and the words of a name: each of 4+ characters. */
function personalWords(personal: readonly string[]): string[] {
  const words = new Set<string>();
  for (const raw of personal) {
    const v = raw.trim().toLowerCase();
    if (!v) continue;
    words.add(v);
    const [local, domain] = v.split('@');
    for (const part of [local, domain?.split('.')[0], ...v.split(/[^\p{L}\p{N}]+/u)]) if (part) words.add(part);
  }
  return [...words].filter((w) => w.length >= 4);
}

/** 1234567890…, abcdef…, or their reverse: each character one after the previous. */
function isSequence(p: string): boolean {
  if (p.length < 3) return false;
  const step = p.charCodeAt(1) - p.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < p.length; i++) if (p.charCodeAt(i) - p.charCodeAt(i - 1) !== step) return false;
  return true;
}
