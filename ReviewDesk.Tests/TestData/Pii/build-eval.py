#!/usr/bin/env python3
"""Builds pii-eval.jsonl, the labelled evaluation set for ReviewDesk's PII recognizers.

Each text below is a support-ticket snippet written for this set, with the personal data marked
inline as [[TYPE:value]]. Running this script strips the markers and writes one JSON line per text:
{"id", "text", "entities": [{"type", "start", "end"}]}, with UTF-16 offsets (as .NET strings
count them) and an exclusive end.

Labelling conventions (the analyzer is measured against these, by exact span):
- PERSON: the name as written, without honorifics (Mr., Frau, Dr.) or greetings; an agent's or
  colleague's name counts as much as the customer's. Team names ("Support Team") are not persons.
- STREET_ADDRESS: from the house number (or the street name, where the number follows it) up to
  the last of unit, city, state/region and postcode that follow it on the same line; a city is
  part of the address when a state or postcode comes with it.
- DATE_OF_BIRTH: only the date, and only where the text presents it as a birth date.
- PHONE_NUMBER: the number as written, including "+", the country code and brackets.
- CREDIT_CARD / IBAN_CODE / US_SSN / IP_ADDRESS / EMAIL_ADDRESS: the value as written.
- Everything else is a negative: order, tracking and invoice numbers, versions, timestamps,
  prices, 16-digit numbers failing Luhn, "card ending 4242", dates that are not birth dates.

Usage: python3 build-eval.py   (writes pii-eval.jsonl next to this script)
"""

import ipaddress
import json
import pathlib
import re

# Texts 1-60: mostly English support tickets.
TEXTS_1 = [
    "Hi, I can't log in since yesterday. My account email is [[EMAIL_ADDRESS:jane.doe@example.com]] and I already reset the password twice. Thanks, [[PERSON:Jane Doe]]",
    "Order #100483921 arrived damaged, the box was crushed. Can you send a replacement? Tracking said 1Z999AA10123456784 was delivered on 12/03/2024.",
    "Please call me back on [[PHONE_NUMBER:(415) 555-0132]], I'm available after 3pm Pacific.",
    "Hello Support,\n\nI was charged twice for invoice INV-2024-00017 ($1,299.00 each). The card ending 4242 should only show one charge.\n\nRegards,\n[[PERSON:Marcus Feldman]]",
    "We upgraded the agent to version 1.2.3.4 and now the dashboard shows a blank page. Logs: 2024-03-15 10:22:31,456 ERROR Renderer crashed.",
    "my email changed, new one is [[EMAIL_ADDRESS:t.nguyen+billing@northwind-traders.co.uk]] please update the account",
    "The refund should go to my IBAN [[IBAN_CODE:DE44 5001 0517 5407 3249 31]] (Sparkasse), not back to the card.",
    "Our VPN users connecting from [[IP_ADDRESS:203.0.113.45]] get blocked by your firewall. Can you whitelist it? Our second egress is [[IP_ADDRESS:198.51.100.7]].",
    "Dear Ms. [[PERSON:Okafor]], thank you for your patience. Your case 00123456 has been escalated to tier 2.",
    "I tried paying with [[CREDIT_CARD:4526 0181 5908 3012]] but the checkout keeps saying 'card declined'. Other cards work fine.",
    "Hey there! Quick one: the app crashes on Android 14 when I tap Export. Build 10.0.19045.3803, nothing fancy. Cheers, [[PERSON:Tom]]",
    "Can someone update my shipping address to [[STREET_ADDRESS:742 Evergreen Terrace, Springfield, IL 62704]]? The old one is wrong.",
    "For the tax form you need my SSN, it's [[US_SSN:536-22-8147]]. Please don't store it longer than needed.",
    "This is [[PERSON:Priya Raman]] from the finance team. Could you resend last month's invoice to [[EMAIL_ADDRESS:ap@contoso.com]]?",
    "Not sure if relevant but the error code was 0x80070005 and it happened at 14:32:10 on 2024-02-29.",
    "Can you fix the date of birth on my profile? It should be [[DATE_OF_BIRTH:04/17/1986]], as on my passport.",
    "The customer's mobile is [[PHONE_NUMBER:+44 7911 123456]], she prefers WhatsApp over calls.",
    "Price shown was €49,99 but I was charged €59,99. Order 4829301746. Please fix.",
    "Thanks,\n[[PERSON:Daniel Kim]]\nSenior Buyer | Fabrikam Inc.\n[[PHONE_NUMBER:+1 646 555 0199]]",
    "Your system rejected my card [[CREDIT_CARD:5182199351819098]] with error 'do not honor'. Bank says it's fine on their side.",
    "Hi team, the webhook from [[IP_ADDRESS:2001:db8:85a3::8a2e:370:7334]] fails with HTTP 503 since the last release v2.14.0.",
    "Hello, my name is [[PERSON:Sofia Alvarez]] and I ordered the blue kettle (SKU-44821-B). It never shipped.",
    "Please send the replacement to [[STREET_ADDRESS:1600 Amphitheatre Parkway, Mountain View, CA 94043]], attention reception.",
    "We were billed $2,340.50 instead of $1,240.50 on invoice INV-2023-11842. Our PO is 4500012345.",
    "Reach me at [[PHONE_NUMBER:312-555-0148]] or by mail at [[EMAIL_ADDRESS:k.oconnor@example.org]] — whichever is faster.",
    "Best regards,\n[[PERSON:Hannah Schmidt]]",
    "The last four digits of the card are 1881, expiry 04/27. Is that enough for you to find the payment?",
    "I think someone else used my account. There were logins from [[IP_ADDRESS:185.220.101.34]] at 03:14 which was not me.",
    "Kindly verify: full name [[PERSON:Robert Chen]], date of birth [[DATE_OF_BIRTH:March 3, 1979]], member since 2015.",
    "Card number 4111 1111 1111 1112 is what I typed, maybe I mistyped a digit? The form said invalid.",
    "Can you ask [[PERSON:Laura Bennett]] to call me? She handled my previous ticket #48213.",
    "Our office moved to [[STREET_ADDRESS:350 Fifth Avenue, Suite 4100, New York, NY 10118]] so please update the billing address.",
    "Server log excerpt:\n[2024-03-15T10:22:31Z] WARN upstream timeout host=[[IP_ADDRESS:10.12.4.201]] latency=5003ms",
    "My wife [[PERSON:Emily]] set up the account with her card, can I add mine as a second payment method?",
    "Hi [[PERSON:Sarah]],\nthanks for the quick reply yesterday. The issue is back though.\nBest,\n[[PERSON:Jonas]]",
    "Mr. [[PERSON:Hargreaves]] asked us to forward this: the wire to [[IBAN_CODE:GB60 BARC 2000 0055 7799 11]] bounced.",
    "Version 3.10.2 fixed the sync problem, thanks! You can close ticket 77812.",
    "the number on file is wrong, correct one: [[PHONE_NUMBER:(212) 555-0187]]",
    "SSN for the W-9: [[US_SSN:219-09-9999]]. Let me know if you need anything else.",
    "Delivery was scheduled for 05/14/2024 between 10-15 minutes window lol, never came.",
    "Sent from my iPhone",
    "Dear Mrs. [[PERSON:Patel]], we received your documents and will process them within 3 business days.",
    "I rent at [[STREET_ADDRESS:88 Oak Street, Apt 4B, Portland, OR 97205]] and the package was left at the wrong door.",
    "Payment with Amex [[CREDIT_CARD:373786579754329]] failed twice tonight. Tried from two browsers.",
    "Please remove my data. Name: [[PERSON:Gregory Walsh]], email [[EMAIL_ADDRESS:greg.walsh@fastmail.com]], phone [[PHONE_NUMBER:617.555.0123]].",
    "Anyone seeing 502s? Our monitoring from [[IP_ADDRESS:192.0.2.10]] and [[IP_ADDRESS:192.0.2.11]] both alert since 09:00 UTC.",
    "The invoice total is £1,050.00 including VAT, reference INV-7731. Please confirm receipt.",
    "Born on [[DATE_OF_BIRTH:12 July 1992]], I'm eligible for the youth discount until next year, right?",
    "Can't upload files bigger than 25 MB. Chrome 122.0.6261.94 on macOS 14.3.",
    "Hi [[PERSON:Michael]], per our call: the contract renewal is due 2024-06-30. Regards, [[PERSON:Anna Kowalski]]",
    "Test card [[CREDIT_CARD:4242 4242 4242 4242]] works in sandbox but live card [[CREDIT_CARD:4661 3186 0913 9090]] is declined.",
    "hello, i moved. new address: [[STREET_ADDRESS:19 Maple Drive, Austin, TX 78701]]. thx",
    "Our DNS points to [[IP_ADDRESS:2606:4700:4700::1111]] but your status page says the record is missing.",
    "I'm the account owner. [[PERSON:Olivia Martin]], DOB [[DATE_OF_BIRTH:1988-11-23]].",
    "Mobile: [[PHONE_NUMBER:+1 (303) 555-0110]]\nOffice: [[PHONE_NUMBER:(303) 555-0111]]",
    "The package tracking 9400 1000 0000 0000 0000 00 has not moved in 9 days.",
    "My colleague [[PERSON:David Okonkwo]] will take over this ticket while I'm on leave.",
    "Kind regards,\n[[PERSON:Isabelle Laurent]]\nHead of Operations",
    "Thanks for nothing. Third time I'm writing about order 55123. Fix it.",
    "Could you confirm the SEPA mandate for [[IBAN_CODE:NL39 RABO 0300 0652 64]]? It shows as pending.",
]

# Texts 61-120: German, French, Spanish, Dutch and mixed.
TEXTS_2 = [
    "Guten Tag, meine Bestellung 300045871 ist nicht angekommen. Bitte rufen Sie mich unter [[PHONE_NUMBER:030 12345678]] an. Mit freundlichen Grüßen, [[PERSON:Klaus Becker]]",
    "Hallo [[PERSON:Petra]],\nbitte die Rechnung an folgende Adresse schicken: [[STREET_ADDRESS:Hauptstraße 12, 10115 Berlin]].\nDanke!",
    "Meine IBAN lautet [[IBAN_CODE:DE51 1001 0010 0532 0134 00]], bitte erstatten Sie den Betrag von 89,90 € dorthin.",
    "Sehr geehrte Frau [[PERSON:Wagner]], Ihr Ticket wurde am 14.03.2024 geschlossen.",
    "Ich bin unter [[PHONE_NUMBER:+49 151 23456789]] erreichbar, am besten nachmittags.",
    "Geburtsdatum: [[DATE_OF_BIRTH:23.05.1990]]\nName: [[PERSON:Lukas Hoffmann]]\nE-Mail: [[EMAIL_ADDRESS:lukas.hoffmann@web.de]]",
    "Die Lieferung kam am 02.04.2024, aber es fehlt ein Teil (Artikel 4711-0815).",
    "Viele Grüße\n[[PERSON:Sabine Krüger]]\n[[STREET_ADDRESS:Lindenallee 7, 50968 Köln]]\nTel. [[PHONE_NUMBER:0221 9876543]]",
    "Bonjour, je n'arrive pas à me connecter. Mon adresse e-mail est [[EMAIL_ADDRESS:marie.dupont@orange.fr]]. Cordialement, [[PERSON:Marie Dupont]]",
    "Merci de me rappeler au [[PHONE_NUMBER:06 12 34 56 78]], je suis disponible demain matin.",
    "Veuillez livrer le colis au [[STREET_ADDRESS:12 rue de la Paix, 75002 Paris]], code porte 4521.",
    "Le remboursement doit être versé sur le compte [[IBAN_CODE:FR76 3000 6000 0112 3456 7890 189]] s'il vous plaît.",
    "Madame [[PERSON:Lefèvre]] a signalé que la facture 2024-0193 contient une erreur de 12,50 €.",
    "Je suis né le [[DATE_OF_BIRTH:8 février 1975]], pourquoi votre formulaire refuse ma date de naissance ?",
    "Hola, me llamo [[PERSON:Carlos Romero]] y no puedo acceder a mi cuenta desde el 3 de marzo.",
    "Mi teléfono es [[PHONE_NUMBER:+34 612 345 678]], llámenme por favor.",
    "La dirección de envío correcta es [[STREET_ADDRESS:Calle Mayor 5, 28013 Madrid]]. Gracias.",
    "Fecha de nacimiento: [[DATE_OF_BIRTH:15/09/1983]]. Necesito corregirla en mi perfil.",
    "Por favor hagan la devolución a [[IBAN_CODE:ES60 0049 1500 0512 3456 7892]]. Saludos, [[PERSON:Lucía Fernández]]",
    "Goedemiddag, mijn naam is [[PERSON:Sanne de Vries]]. Mijn bestelling 88213 is nog steeds niet geleverd.",
    "U kunt mij bereiken op [[PHONE_NUMBER:06-12345678]] of via [[EMAIL_ADDRESS:sanne.devries@ziggo.nl]].",
    "Het nieuwe adres is [[STREET_ADDRESS:Kerkstraat 12, 1017 GC Amsterdam]].",
    "Graag terugstorten op [[IBAN_CODE:NL20 INGB 0001 2345 67]]. Met vriendelijke groet, [[PERSON:Pieter Jansen]]",
    "Geboortedatum [[DATE_OF_BIRTH:30-06-1995]] klopt niet in mijn account, het staat op 1 januari.",
    "Our Zurich office: [[PHONE_NUMBER:+41 44 668 18 00]]. Ask for [[PERSON:Reto Frei]].",
    "Servus! Die App stürzt nach dem Update auf Version 5.2.0.1 ab, Fehlercode 0xC000021A.",
    "Bitte buchen Sie von meiner Kreditkarte [[CREDIT_CARD:5403 4236 6712 7688]] ab, nicht vom Konto.",
    "Paiement refusé avec la carte [[CREDIT_CARD:4049 7465 0752 9173]], alors que le plafond n'est pas atteint.",
    "El cargo de 249,00 € aparece dos veces en el pedido 2024-55871.",
    "Spreek ik met de klantenservice? Ik heb een factuur van € 1.249,00 ontvangen voor bestelling 400123, dat klopt niet.",
    "Hi, it's [[PERSON:Aisha Mohammed]] again. Could you also cc my manager [[EMAIL_ADDRESS:r.gupta@tailspintoys.com]]?",
    "Urgent!!! Site down for all users since 08:45. Status page shows green. Our IP [[IP_ADDRESS:172.16.254.1]] is internal so don't bother.",
    "Please wire the deposit to [[IBAN_CODE:IT76 X030 6909 6061 0000 0063 291]] before Friday.",
    "Account holder: [[PERSON:Giulia Rossi]]\nIBAN: [[IBAN_CODE:IT76X0306909606100000063291]]\nBIC: BCITITMM",
    "Chiamatemi al [[PHONE_NUMBER:+39 347 123 4567]] per favore.",
    "Österreich-Niederlassung: [[PHONE_NUMBER:+43 664 1234567]], Ansprechpartner [[PERSON:Florian Gruber]].",
    "Our Brussels team can be reached on [[PHONE_NUMBER:+32 2 123 45 67]].",
    "Dublin support line [[PHONE_NUMBER:+353 1 234 5678]] is not answering.",
    "Sydney office phone: [[PHONE_NUMBER:+61 2 9876 5432]]",
    "Contact in Mumbai: [[PERSON:Rahul Verma]], [[PHONE_NUMBER:+91 98765 43210]].",
    "Nosso telefone em São Paulo é [[PHONE_NUMBER:+55 21 99876 5432]].",
    "Tokyo desk: [[PHONE_NUMBER:03-1234-5678]] (Japan), mobile [[PHONE_NUMBER:+81 90 1234 5678]].",
    "Vancouver warehouse: [[PHONE_NUMBER:(604) 555-0147]]",
    "Mexico City contact number [[PHONE_NUMBER:+52 55 1234 5678]]",
    "UK landline [[PHONE_NUMBER:020 7946 0321]] — ask for [[PERSON:Oliver Bennett]].",
    "Ring me on [[PHONE_NUMBER:07700 900123]] if the courier can't find the house.",
    "Le numéro du bureau est le [[PHONE_NUMBER:01 42 68 53 00]].",
    "Tel: [[PHONE_NUMBER:+33 6 12 34 56 78]]",
    "Llámame al [[PHONE_NUMBER:612 34 56 78]] después de las cinco.",
    "Bel me gerust op [[PHONE_NUMBER:020 123 4567]].",
    "Herr [[PERSON:Schneider]] möchte seine Adresse ändern: [[STREET_ADDRESS:Bahnhofstr. 3, 80335 München]]",
    "Nuestro cliente [[PERSON:Javier Morales]] solicita la baja del servicio.",
    "Monsieur [[PERSON:Bernard]] demande un rappel concernant la commande 77120.",
    "Bedankt voor de snelle hulp! Groeten, [[PERSON:Eva Bakker]]",
    "Danke für nichts. Zum dritten Mal: Rechnung RE-2024-0045 ist falsch. [[PERSON:Markus Weber]]",
    "Saludos cordiales,\n[[PERSON:Ana María López]]",
    "Cordialement,\n[[PERSON:Julien Moreau]]\nResponsable informatique",
    "Mit freundlichen Grüßen\n\nDr. [[PERSON:Stefan Braun]]",
    "Meine Sozialversicherungsnummer ist nicht relevant, aber die SSN meines US-Kollegen: [[US_SSN:432-11-7820]].",
    "Le serveur [[IP_ADDRESS:51.15.112.9]] ne répond plus depuis la mise à jour 4.1.0.",
]

# Texts 121-180: more English, hard negatives, mixed entities.
TEXTS_3 = [
    "Hey, [[PERSON:Chris]] here. Printer on 3rd floor says 'offline' again. IP is [[IP_ADDRESS:10.0.14.27]] if that helps.",
    "Our reseller [[PERSON:Nadia Petrova]] ([[EMAIL_ADDRESS:nadia@petrova-consulting.eu]]) will send you the signed contract.",
    "Applicant details — Name: [[PERSON:Marcus Johnson]]; SSN: [[US_SSN:401-55-2389]]; D.O.B.: [[DATE_OF_BIRTH:02/14/1991]].",
    "The form rejects my social security number [[US_SSN:512 33 4490]] even though it's correct.",
    "Release notes for 2.0.1.7 mention the fix but I still see it on 2.0.1.8.",
    "I placed the order on 01/15/2024 and it's now 02/20/2024. Where is it? Order no. 7781-2231-0045.",
    "Please ship to:\n[[STREET_ADDRESS:221B Baker Street, London NW1 6XE]]\nThanks!",
    "Shipping label shows [[STREET_ADDRESS:4500 Wilshire Blvd, Los Angeles, CA 90010]] but we're in San Diego.",
    "Hi, this is [[PERSON:Kevin Brooks]]. The 50% off code SPRING50 doesn't work at checkout.",
    "FYI the transaction id is 8f14e45f-ceea-467f-a8e2-2b3a6c1d9e01 and the amount was $89.99.",
    "Our Frankfurt server [[IP_ADDRESS:2a01:4f8:c17:b8f::2]] keeps getting rate limited by your API.",
    "Update: we rolled back to 4.8.1 and the memory leak is gone. Heap was 1.2 GB after 3 hours.",
    "Could you send the GDPR export to [[EMAIL_ADDRESS:privacy@woodgrove-bank.com]]? Requester: [[PERSON:Thomas Müller]].",
    "I'm locked out after 5 attempts. Username is bluefox88, not my email. Call [[PHONE_NUMBER:+1 415 555 0199]].",
    "The technician [[PERSON:Samuel Ortiz]] came on Tuesday but left without fixing the router.",
    "Invoice 2024-00917 dated 2024-01-31, amount 4,250.00 USD, due 2024-03-01.",
    "Thanks a lot!\n[[PERSON:Chloé Girard]]",
    "Warm regards,\n[[PERSON:Benjamin Carter]]\nCustomer Success, Adventure Works\n[[PHONE_NUMBER:+44 20 7946 0958]]",
    "Dear Dr. [[PERSON:Nakamura]], your lab results portal access has been restored.",
    "My son [[PERSON:Lucas]] was born on [[DATE_OF_BIRTH:June 5, 2012]]; the child plan should apply.",
    "Please confirm the birth date on file is [[DATE_OF_BIRTH:1975-08-09]] — the insurer needs it.",
    "The meeting is on June 5, 2024 at 10:00 in room 4B.",
    "Card expired 09/25 so I added a new one, [[CREDIT_CARD:6011 3194 8757 4913]], but it's not showing.",
    "Charge of $15.00 appeared on statement with reference 4000 1234 5678 9010, what is it?",
    "Tracking: 1Z 999 AA1 01 2345 6784 — UPS says address incomplete.",
    "We need to update the remittance account to [[IBAN_CODE:AT36 1200 0100 2504 7010]] effective 1 April.",
    "Bank details for the refund: [[IBAN_CODE:CH93 0076 2011 6238 5295 7]], account holder [[PERSON:Martina Keller]].",
    "The dashboard shows 127 errors from 10.4.1 clients, none from 10.5.0. Should we force-upgrade?",
    "Ping from [[IP_ADDRESS:8.8.8.8]] works, but traceroute stops at hop 7.",
    "Logged in from [[IP_ADDRESS:fe80::1ff:fe23:4567:890a]] on the local network, then it asked for 2FA again.",
    "Quick question from [[PERSON:Grace Lee]]: do you support SAML with Okta?",
    "Regards, [[PERSON:John]]",
    "Hi Support, I'm [[PERSON:Fatima Zahra]] from the Casablanca branch, our printer driver 6.3.9600 won't install.",
    "The old office at [[STREET_ADDRESS:10 Downing Street, London SW1A 2AA]] is closed, please use the new one.",
    "Deliver to [[STREET_ADDRESS:55 Water St, Brooklyn, NY 11201]], ring the bell twice.",
    "My address: [[STREET_ADDRESS:1200 Pennsylvania Ave NW, Washington, DC 20004]]",
    "3 items were missing from the box, 2 were broken. Shipment 00340434161094042557.",
    "Customer says card [[CREDIT_CARD:4111-1111-1111-1111]] was a test number from your docs, is that right?",
    "As requested, my SSN is [[US_SSN:078-05-1123]] and my phone is [[PHONE_NUMBER:(646) 555-0152]].",
    "The audit flagged SSN-like strings: 123-4567-89 is actually a part number, not an SSN.",
    "ISBN 978-3-16-148410-0 is listed twice in the catalogue.",
    "Our IPv6 prefix is [[IP_ADDRESS:2001:db8:1234::]] (documentation range) and the gateway is [[IP_ADDRESS:2001:db8:1234::1]].",
    "Hi [[PERSON:Olga]], no worries, take your time. — [[PERSON:Ben]]",
    "Good morning, I spoke to [[PERSON:Jessica Taylor]] on the phone yesterday and she promised a callback.",
    "Please forward to Mr. [[PERSON:Ahmed Hassan]] in accounts payable.",
    "The patient portal lists DOB [[DATE_OF_BIRTH:11/30/1964]] but my mother was born in December.",
    "Why is my birthday shown wrong? It should be [[DATE_OF_BIRTH:22 March 1999]].",
    "Your subscription renews on 03/01/2025 for $119.88.",
    "Temperature sensor reports 21.5°C, humidity 45%, firmware 1.0.4.",
    "Contract start 2023-09-01, notice period 3 months, customer number 5512398.",
    "Hello,\n\nplease find attached the receipt.\n\nBest regards\n[[PERSON:Elena Popescu]]\n[[EMAIL_ADDRESS:elena.popescu@example.ro]]",
    "I have two accounts: [[EMAIL_ADDRESS:mike@home.example]] and [[EMAIL_ADDRESS:m.harris@work.example.com]]. Please merge them.",
    "Re: ticket 99341 – still waiting. [[PERSON:Victoria Hughes]]",
    "My credit card [[CREDIT_CARD:3518 6252 7601 8952]] was charged in JPY instead of USD.",
    "Use card [[CREDIT_CARD:2221 5597 9711 4711]] for the annual plan, and cancel the monthly one.",
    "Order 4111111111111112 — yes, our order numbers are 16 digits, sorry for the confusion.",
    "I can confirm the SSN [[US_SSN:345-67-8123]] belongs to the account holder.",
    "Date of birth: [[DATE_OF_BIRTH:7 Jan 1980]], place of birth: Leeds.",
    "Spoke with [[PERSON:Ahmed]] at the front desk; he said the parcel was returned to sender.",
    "We have 12 Main users and 3 admins in the tenant, licence key XK9-22QF-77PL.",
]

# Texts 181-: longer mixed tickets and further hard negatives.
TEXTS_4 = [
    "Hello,\n\nI'm writing on behalf of my father, [[PERSON:George Whitaker]] (date of birth [[DATE_OF_BIRTH:09/02/1948]]). He can't read the small print on the statement. Please post a large-print copy to [[STREET_ADDRESS:14 Willow Lane, Bath BA1 2QT]].\n\nMany thanks,\n[[PERSON:Susan Whitaker]]",
    "Subject: refund\n\nHi, please refund order 20240311-0042 to [[IBAN_CODE:PL60 1020 1026 0000 0422 7020 1111]]. Amount 399,00 PLN. [[PERSON:Katarzyna Nowak]]",
    "Escalation: customer [[PERSON:Brian O'Neill]] reports the installer 7.0.3 hangs at 99%. His callback number is [[PHONE_NUMBER:+353 87 123 4567]].",
    "Hi all — we saw traffic spikes from [[IP_ADDRESS:45.33.32.156]], [[IP_ADDRESS:45.33.32.157]] and [[IP_ADDRESS:2600:3c01::f03c:91ff:fe18:bb2f]] around 02:00.",
    "SKU 1002-3004-5006 replaced by SKU 1002-3004-5007 in catalogue version 2024.2.",
    "Please note our new address from 1 May: [[STREET_ADDRESS:27 Station Road, Cambridge CB1 2JH]].",
    "Dear [[PERSON:Julia]],\n\nthe item you returned (RMA 55120) has been received.\n\nBest wishes,\n[[PERSON:Mark Stevens]]",
    "I think the pricing tier changed: we paid 12.50 per seat, now it's 14.75 per seat. 40 seats.",
    "Meine Adresse hat sich geändert, neu: [[STREET_ADDRESS:Goethestraße 45, 60313 Frankfurt am Main]]. Tel. [[PHONE_NUMBER:069 12345678]]",
    "Nuestra oficina está en [[STREET_ADDRESS:Avenida de América 32, 28028 Madrid]] y el horario es de 9 a 18.",
    "Adresse de facturation : [[STREET_ADDRESS:8 avenue des Champs-Élysées, 75008 Paris]]",
    "Factuuradres: [[STREET_ADDRESS:Prinsengracht 263, 1016 GV Amsterdam]]",
    "The VPN client logs show 'peer [[IP_ADDRESS:100.64.12.9]] unreachable' every 30 seconds.",
    "Can you check why [[EMAIL_ADDRESS:no-reply@alerts.fabrikam.io]] emails land in spam? Our SPF includes [[IP_ADDRESS:40.92.0.0]].",
    "We were told to quote reference PAY-2024-88123 when paying. Done on 03/04/2024.",
    "please delete everything you have on me, [[PERSON:Jacob Miller]], [[EMAIL_ADDRESS:jacob.miller1987@gmail.com]], ssn [[US_SSN:287-65-4321]]",
    "New employee onboarding: [[PERSON:Mia Thompson]], start date 2024-04-01, date of birth [[DATE_OF_BIRTH:1996-02-29]].",
    "Assigned to [[PERSON:Noah Williams]]. Priority P2. ETA 2 days.",
    "Hi! Love the product. Small bug: the 'Save' button does nothing on Safari 17.3. —[[PERSON:Zoe]]",
    "Order ORD-558812, Invoice INV-558812, Shipment SHP-558812. All stuck in 'processing'.",
    "Our accountant [[PERSON:Helen Park]] needs the VAT invoices for Q3 2024 — send to [[EMAIL_ADDRESS:helen.park@parkaccounting.com]].",
    "The call center number on your website, [[PHONE_NUMBER:1-800-555-0199]], goes to a fax machine.",
    "I was born on [[DATE_OF_BIRTH:17.11.1979]] and the age check says I'm under 18?!",
    "Bitte Rückruf unter [[PHONE_NUMBER:+49 89 1234567]], Frau [[PERSON:Vogel]] aus der Buchhaltung.",
    "Card on file: Visa ending 1111, exp 12/26. Please don't charge it again.",
    "Stack trace attached. Exception at line 4127 in module core-3.2.1.dll, thread 0x1f4.",
    "Kan iemand mij terugbellen? Mijn mobiele nummer is [[PHONE_NUMBER:+31 6 12345678]]. Groet, [[PERSON:Daan Visser]]",
    "Teléfono fijo [[PHONE_NUMBER:+34 912 345 678]], pregunten por [[PERSON:Pedro Sánchez]].",
    "Numéro client 4481203, contrat n° 2023-11-778, merci de vérifier.",
    "Hello support team,\nthe invoice address should be [[STREET_ADDRESS:500 Boylston Street, Boston, MA 02116]].\nThank you,\n[[PERSON:Rachel Green]]",
]

# Texts 211-: more structured identifiers so every type has enough support.
TEXTS_5 = [
    "Billing contact changed to [[EMAIL_ADDRESS:finance-team@litware.com]], please stop emailing [[EMAIL_ADDRESS:old.billing@litware.com]].",
    "i cant reset pw, the link goes to [[EMAIL_ADDRESS:jdoe_1979@yahoo.co.uk]] which i dont use anymore",
    "Correo: [[EMAIL_ADDRESS:maria.garcia@telefonica.es]] — por favor respondan allí.",
    "Bitte an [[EMAIL_ADDRESS:info@mueller-gmbh.de]] schreiben, nicht an meine private Adresse.",
    "CC [[EMAIL_ADDRESS:security@tailwind.dev]] on anything related to the incident from [[IP_ADDRESS:91.198.174.192]].",
    "Two cards on the account: [[CREDIT_CARD:4526018159083012]] (personal) and [[CREDIT_CARD:5960 3082 4628 1947]] (business). Remove the first.",
    "The payment page timed out after I entered [[CREDIT_CARD:6011-3194-8757-4913]]; did the charge go through?",
    "Numéro de carte [[CREDIT_CARD:4049746507529173]], expiration 11/27 — le paiement a échoué trois fois.",
    "Kreditkarte [[CREDIT_CARD:3787 344936 71000]] wurde doppelt belastet.",
    "Please refund to the Mastercard [[CREDIT_CARD:5105 1051 0510 5100]] used for order 66120.",
    "Our payroll vendor needs the SSNs: [[PERSON:Alice Moreno]] [[US_SSN:602-14-3377]], [[PERSON:Derek Shaw]] [[US_SSN:455-81-2096]].",
    "Social Security No. [[US_SSN:318-40-7752]] — please mask this in the ticket after reading.",
    "SSN on my profile shows [[US_SSN:529-63-1184]] but the last digits should be 1148.",
    "Tax ID (SSN): [[US_SSN:271.44.6609]]",
    "IBAN [[IBAN_CODE:BE71 0961 2345 6769]] belongs to our Belgian subsidiary; use it for EU refunds.",
    "Kontoverbindung: [[IBAN_CODE:DE89370400440532013000]], Kontoinhaber [[PERSON:Jürgen Weiß]]",
    "Remboursement sur [[IBAN_CODE:FR1420041010050500013M02606]] merci.",
    "Refund account: [[IBAN_CODE:IE70 BOFI 9000 1712 3456 78]] (Bank of Ireland).",
    "Portuguese account for the supplier: [[IBAN_CODE:PT50 0035 0683 0000 0007 8431 1]].",
    "Rekeningnummer [[IBAN_CODE:NL91ABNA0417164300]] staat op naam van [[PERSON:Lotte Smit]].",
    "SFTP uploads from [[IP_ADDRESS:62.210.16.61]] fail with 'permission denied' since build 3.4.2.1.",
    "Allowlist request: [[IP_ADDRESS:20.190.128.0]] and [[IP_ADDRESS:2a00:1450:4001:81c::200e]].",
    "The customer's DOB is [[DATE_OF_BIRTH:October 21, 1969]], please double-check before releasing the records.",
    "Geboren am [[DATE_OF_BIRTH:3. April 1987]] in Graz — so steht es im Pass.",
    "Date de naissance : [[DATE_OF_BIRTH:14/07/1993]]",
    "Nació el [[DATE_OF_BIRTH:25 de diciembre de 1990]], según el documento adjunto.",
    "birthdate [[DATE_OF_BIRTH:1982-05-30]], member since 2019-01-12, last login 2024-03-10 08:14",
    "Our warehouse is at [[STREET_ADDRESS:3100 Industrial Way, Suite 12, Reno, NV 89502]]; drivers use gate 4.",
    "Collect from [[STREET_ADDRESS:9 Queen Street, Edinburgh EH2 1JQ]] between 9 and 5.",
    "Lieferadresse: [[STREET_ADDRESS:Marktplatz 1, 70173 Stuttgart]]",
    "Retour à envoyer au [[STREET_ADDRESS:45 boulevard Haussmann, 75009 Paris]].",
    "Ship it to [[STREET_ADDRESS:2200 Mission College Blvd, Santa Clara, CA 95054]] please, attn. IT.",
    "Hi [[PERSON:Frank]], the quote Q-2024-0311 is attached. Total 18,400.00 EUR excl. VAT.",
    "Dear Sir or Madam, I am writing to complain about the delivery on 22/02/2024 to my office.",
    "Thanks in advance,\n[[PERSON:Yusuf Demir]]\n[[PHONE_NUMBER:+90 532 123 45 67]]",
]

# Texts 246-: a later batch, written after the recognizers, to check how they generalise.
TEXTS_6 = [
    "hi there, my boss [[PERSON:Angela Ruiz]] told me to open a ticket about the VPN. she's cc'd.",
    "Can you update the contact on the account to [[PERSON:Martin Lindqvist]], [[EMAIL_ADDRESS:martin.lindqvist@nordicfreight.se]], [[PHONE_NUMBER:+46 8 123 456 78]]?",
    "We are moving offices. From Monday deliveries go to [[STREET_ADDRESS:77 Harbour Road, Dublin D04 X2K8]]... wait, [[STREET_ADDRESS:77 Harbour Road]] is right but the Eircode is D04 XK28.",
    "Billing address: [[STREET_ADDRESS:1 Infinite Loop, Cupertino, CA 95014]]",
    "Für Rückfragen: [[PERSON:Annika Sommer]], Tel. [[PHONE_NUMBER:040 8765432]] (Hamburg).",
    "Le technicien, [[PERSON:Hugo Marchand]], doit passer jeudi entre 8h et 12h.",
    "yo, the export button is broken again lol. same as ticket 55012. - [[PERSON:Kai]]",
    "Attached is a screenshot. The error shows request id 7c9e6679-7425-40de-944b-e07fc1f90ae7 and time 2024-05-02 17:45:03.",
    "The SSN field keeps rejecting [[US_SSN:610-24-9931]]; is there a format issue?",
    "I'd like to cancel. Account under [[PERSON:Beatriz Costa]], born [[DATE_OF_BIRTH:19/04/1972]].",
    "Please charge the remaining balance of $412.17 to the card ending 0005.",
    "Hello, I'm [[PERSON:Wei Zhang]] from the Shanghai office. Our contact number is [[PHONE_NUMBER:+86 21 6123 4567]].",
    "New card details: [[CREDIT_CARD:4000 0566 5566 5556]], exp 08/29, CVC sent separately.",
    "Your agent [[PERSON:Marco]] was super helpful yesterday, please pass on my thanks!",
    "The server at [[IP_ADDRESS:172.31.5.19]] rebooted at 04:12 and came back with version 2.3.0.1 of the agent.",
    "Goedendag, kunt u het pakket naar [[STREET_ADDRESS:Oudegracht 145, 3511 AL Utrecht]] sturen? Groet, [[PERSON:Femke de Jong]]",
    "Por favor, contacten a mi esposa [[PERSON:Carmen]] al [[PHONE_NUMBER:+34 655 123 987]] si no me localizan.",
    "Hi Support,\nwe got 3 invoices for the same month (INV-2024-0412, INV-2024-0413, INV-2024-0414).\nThanks,\n[[PERSON:Owen Gallagher]]\nIT Manager",
    "IBAN für die Gutschrift: [[IBAN_CODE:AT61 1904 3002 3457 3201]]",
    "Our router's WAN IP changed to [[IP_ADDRESS:81.2.69.160]] — please update the allowlist.",
    "Sincerely,\n[[PERSON:Margaret Okoye]], PhD",
    "Please send the contract to Mrs. [[PERSON:Henderson]] at [[EMAIL_ADDRESS:c.henderson@lakeside-law.com]].",
    "The date on the receipt is 11/04/2024 but I paid on 10/04/2024.",
    "Wir haben 2 Lizenzen zu viel, Kundennummer 100234, Vertrag 2022-778.",
    "My DOB on the account is wrong: it shows [[DATE_OF_BIRTH:1990-01-01]], which is just the default I think.",
    "Can you confirm [[PERSON:Lena Fischer]] still has admin rights? She left the company in March.",
    "Hola [[PERSON:Diego]], gracias por la respuesta. El problema sigue igual.",
    "Bonjour [[PERSON:Camille]], pouvez-vous me renvoyer la facture n° 2024-118 ? Merci, [[PERSON:Paul Girard]]",
    "The package was sent to [[STREET_ADDRESS:600 Congress Ave, Austin, TX 78701]] instead of our Dallas office.",
    "Call center logs show a call from [[PHONE_NUMBER:+1 415 555 0178]] at 09:12 that lasted 00:14:33.",
    "Visa [[CREDIT_CARD:4012 8888 8888 1881]] was charged $0.00 authorisation and then $99.00.",
    "Social security number: [[US_SSN:372-58-9014]]. Date of birth: [[DATE_OF_BIRTH:May 9, 1983]].",
    "Kind regards,\n[[PERSON:Thabo Nkosi]]\n[[PHONE_NUMBER:+27 21 123 4567]]",
    "Refund please to [[IBAN_CODE:BE68 5390 0754 7034]], thanks.",
    "The firmware update from 1.4.2 to 1.4.3 bricked two devices, serial numbers 88120045 and 88120046.",
    "Greetings from [[PERSON:Ingrid Solberg]] in Oslo! Quick billing question below.",
    "ipv6 of the affected host: [[IP_ADDRESS:2001:0db8:0000:0000:0000:ff00:0042:8329]]",
    "ticket opened by [[EMAIL_ADDRESS:sam.t@outlook.com]] on behalf of [[PERSON:Samantha Turner]]",
    "Please ring [[PHONE_NUMBER:0161 496 0123]] and ask for accounts.",
    "Address for the courier: [[STREET_ADDRESS:Rue du Marché 14, 1204 Genève]]",
]

TYPES = {
    "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
    "IP_ADDRESS", "PERSON", "STREET_ADDRESS", "DATE_OF_BIRTH",
}
MARKER = re.compile(r"\[\[([A-Z_]+):(.*?)\]\]", re.DOTALL)


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def luhn_ok(value):
    digits = [int(c) for c in value if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(value):
    compact = "".join(c for c in value if c.isalnum())
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def check(kind, value, where):
    if kind not in TYPES:
        raise ValueError(f"{where}: unknown type {kind}")
    if value != value.strip() or not value:
        raise ValueError(f"{where}: value {value!r} has surrounding spaces")
    if kind == "CREDIT_CARD" and not luhn_ok(value):
        raise ValueError(f"{where}: {value} fails Luhn")
    if kind == "IBAN_CODE" and not iban_ok(value):
        raise ValueError(f"{where}: {value} fails mod-97")
    if kind == "IP_ADDRESS":
        ipaddress.ip_address(value)
    if kind == "EMAIL_ADDRESS" and "@" not in value:
        raise ValueError(f"{where}: {value} is not an e-mail address")


def convert(marked, where):
    text, entities, pos = "", [], 0
    for m in MARKER.finditer(marked):
        text += marked[pos:m.start()]
        kind, value = m.group(1), m.group(2)
        check(kind, value, where)
        start = utf16_len(text)
        text += value
        entities.append({"type": kind, "start": start, "end": start + utf16_len(value)})
        pos = m.end()
    text += marked[pos:]
    if "[[" in text or "]]" in text:
        raise ValueError(f"{where}: unbalanced marker")
    return text, entities


def main():
    texts = TEXTS_1 + TEXTS_2 + TEXTS_3 + TEXTS_4 + TEXTS_5 + TEXTS_6
    seen = set()
    lines = []
    for i, marked in enumerate(texts, start=1):
        where = f"eval-{i:03d}"
        if marked in seen:
            raise ValueError(f"{where}: duplicate text")
        seen.add(marked)
        text, entities = convert(marked, where)
        lines.append(json.dumps({"id": where, "text": text, "entities": entities}, ensure_ascii=False))
    out = pathlib.Path(__file__).with_name("pii-eval.jsonl")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = {}
    for line in lines:
        for e in json.loads(line)["entities"]:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
    print(f"wrote {len(lines)} texts to {out.name}: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
