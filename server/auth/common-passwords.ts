// The most common passwords of public breach corpora that are long enough to pass the
// length rule; shorter ones are refused by length already. Compared in lower case.
export const COMMON_PASSWORDS = new Set([
	'1234567890', '12345678910', '123456789a', '1234567890a', '0123456789', '1q2w3e4r5t',
	'1q2w3e4r5t6y', 'qwertyuiop', 'qwerty12345', 'qwerty123456', 'qwertyuiop1', 'asdfghjkl1',
	'password12', 'password123', 'password1234', 'password!', 'password01', 'passw0rd123',
	'iloveyou12', 'iloveyou123', 'princess12', 'sunshine12', 'football12', 'football123',
	'baseball12', 'basketball', 'superman12', 'starwars12', 'whatever12', 'trustno1234',
	'welcome123', 'welcome1234', 'letmein123', 'letmein1234', 'admin12345', 'administrator',
	'changeme123', 'monkey12345', 'dragon12345', 'master12345', 'michael123', 'shadow12345',
	'jennifer12', 'jordan2323', 'charlie123', 'computer12', 'computer123', 'internet12',
	'1qaz2wsx3edc', 'zaq12wsxcde3', 'zxcvbnm123', 'zxcvbnm1234', 'asdfghjkl123', 'q1w2e3r4t5',
	'q1w2e3r4t5y6', 'aaaaaaaaaa', '1111111111', '0000000000', '9876543210', '987654321a',
	'abcdefghij', 'abc1234567', 'abcd123456', 'a123456789', 'qazwsxedc123', 'p@ssw0rd123',
	'p@ssword123', 'pa$$word123', 'test123456', 'testing123', 'secret1234', 'mypassword',
	'mypassword1', 'newpassword', 'password2024', 'password2025', 'password2026', 'summer2024',
	'summer2025', 'winter2024', 'winter2025', 'spring2025', 'autumn2025', 'freedom123',
	'liverpool1', 'chelsea123', 'arsenal123', 'pokemon123', 'naruto1234', 'minecraft1',
	'minecraft123', 'fortnite123', 'loveyou123', 'lovely1234', 'babygirl12', 'hello12345',
	'helloworld', 'helloworld1', 'goodluck123', 'blink18218', 'samsung123', 'iphone1234',
	'store12345', 'shopping123', 'storepassword'
]);
