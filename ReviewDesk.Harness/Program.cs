Console.WriteLine("ReviewDesk harness");
