/**
 * Common first names of people in Germany's counselling services' case files: German ones of
 * several generations and those of the largest groups who came (Turkish, Arabic, Polish, Russian,
 * Ukrainian, Balkan). A case text names its person by a first name alone („Was braucht Sabine
 * zuerst?“), which no shape of the text gives away. Left out: names that are also German words or
 * dates a case writes capitalised (August, April, Mai, Jan, Ernst, Mark, Kai, Heide, Rose, Engel,
 * Will, Can), which would hold back ordinary sentences.
 */
const names = `
Adam Adrian Agnieszka Ahmad Ahmed Ahmet Aisha Albert Aleksandra Alexander Alexandra Ali Alina Amelie Amina Amir
Ana Anastasia Andrea Andreas Andrej Angelika Anja Anke Anna Annika Anton Antonia Arne Aylin Ayşe Barbara Beate
Ben Benedikt Benjamin Bernd Bettina Bianca Birgit Björn Boris Brigitte Bärbel Carina Carla Carolin Caroline
Carsten Celina Chantal Charlotte Christa Christiane Christina Christine Christoph Christopher Claudia Clara Conny
Cornelia Dagmar Daniel Daniela Dariusz David Denise Deniz Dennis Detlef Diana Dieter Dirk Dmitri Dominik Doris
Dorota Dragan Edith Elena Elias Elif Elisabeth Elke Ella Emil Emilia Emily Emine Emma Emre Erika Esra Eva
Ewa Fabian Fatima Fatma Felix Finn Florian Frank Franz Franziska Frieda Friedrich Fritz Gabi Gabriele Georg
Gerda Gerhard Gisela Greta Gudrun Günter Hakan Hanna Hannah Hannelore Hans Hasan Hassan Heike Heinz Helene
Helga Helmut Henry Herbert Hermann Hildegard Holger Hussein Ibrahim Ida Igor Ilse Ina Inga Inge Ingrid Irina
Iris Iryna Isabel Ivana Jacqueline Jakob Janina Janine Jana Jasmin Jelena Jennifer Jens Jessica Joanna Jochen
Johanna Johannes Jonas Jonathan Josef Joseph Julia Julian Juliane Justin Jörg Jürgen Karim Karin Karl Karolina
Katarzyna Katharina Kathrin Katja Katrin Kerstin Kevin Khaled Kim Klaus Konstantin Krzysztof Kübra Lara Laura
Lea Leah Lena Leni Leon Leonie Leyla Layla Liam Lilli Lina Linda Lisa Lotta Louis Luca Luisa Lukas Luka
Magdalena Mahmoud Maik Mandy Manfred Manuel Manuela Marcel Marco Marek Margarete Maria Marie Marina Mario Marion
Marius Markus Marlene Martha Martin Martina Marvin Mateusz Mathias Matthias Max Maximilian Mehmet Melanie Melissa
Merve Mia Michael Michaela Michelle Mila Milan Mirela Mohamed Mohammad Mohammed Monika Muhammad Mustafa Nadine
Nadja Natalia Natalie Natascha Nico Nicole Niklas Nils Nina Noah Nour Olena Olga Oksana Oleksandr Oliver Omar
Oskar Otto Patricia Patrick Paul Paula Peggy Peter Petra Philipp Piotr Rainer Rami Rana Ralf Regina Reinhard
Renate Rene René Robert Robin Rolf Ronny Rosemarie Ruth Sabine Sabrina Samir Sandra Sara Sarah Sascha Sebastian
Selin Sergej Silke Simon Simone Sofia Sonja Sophie Stefan Stefanie Steffen Stephan Stephanie Susanne Sven
Svenja Svetlana Swetlana Sylvia Tanja Tatjana Tetiana Theo Thomas Thorsten Tim Tina Tobias Tom Tomasz Torsten
Ulrich Ulrike Ursula Uta Ute Uwe Valentina Vanessa Vera Viktor Viktoria Vladimir Waltraud Werner Wilhelm
Wolfgang Yara Yasmin Yusuf Zeynep
`
/**
 * A name as the check compares it: in lower case, without its special letters („Ayşe“ → „ayse“,
 * „Jürgen“ → „jurgen“, „ß“ → „ss“), as people type a name on a keyboard without them.
 */
export const foldName = (word: string): string =>
  word.toLocaleLowerCase('de').replace(/ß/gu, 'ss').normalize('NFD').replace(/\p{M}/gu, '')

/** The same name written with „ae“, „oe“, „ue“ for its umlauts („Juergen“). */
const spelledOut = (name: string) => name.toLocaleLowerCase('de').replace(/ä/gu, 'ae').replace(/ö/gu, 'oe').replace(/ü/gu, 'ue')

/** Folded (`foldName`), as the check compares words; each umlaut also spelled out. */
export const firstNames: ReadonlySet<string> = new Set(
  names.split(/\s+/).filter(Boolean).flatMap((n) => [foldName(n), foldName(spelledOut(n))]),
)
